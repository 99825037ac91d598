// The `okr` command: subcommands over the app layer (or the core, for offline lint).
// Exit status: 0 ok, 1 failure or findings, 2 usage error.
#pragma once

namespace okr::cli {

int run(int argc, char** argv);

}  // namespace okr::cli
