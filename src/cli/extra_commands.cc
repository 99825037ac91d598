#include "cli/commands.h"

namespace okr::cli {

// Commands in their own files register here as they are added.
void register_extra_commands(CLI::App&, std::string&, std::string&) {}

int run_extra_command(CLI::App& cli) {
  std::cerr << cli.help();
  return 2;
}

}  // namespace okr::cli
