#include "cli/cli.h"

int main(int argc, char** argv) {
  return okr::cli::run(argc, argv);
}
