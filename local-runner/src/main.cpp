// The kfn command line: run the functions locally, invoke one, or start the dev servers alone.
#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "invoke_command.h"
#include "kfn/host/loader.h"
#include "kfn/host/manifest.h"
#include "knative_command.h"
#include "run_command.h"
#include "serve_command.h"
#include "services_command.h"

namespace {

constexpr char kUsage[] = R"(usage:
  kfn run [--port N] [--address A] [--manifests DIR] [--lib-dir DIR] [--state-dir DIR]
          [--function NAME] [--schema-prefix P]
      Serve every function of the manifests in one process (default port 8080).
      KAFKA_BROKERS, MYSQL_URL, REDIS_URL select external services; without them an embedded Kafka
      (librdkafka mock cluster) and local MariaDB and Redis under the state dir (.kfn) are used.
  kfn invoke FUNCTION [--data JSON] [--param NAME=VALUE]... [--token JWT] [--url URL] [--manifests DIR]
      Call an HTTP function of a running runner by its manifest name.
  kfn serve [--function NAME] [--port N] [--address A] [--manifests DIR] [--lib-dir DIR]
      Knative mode: serve one function (KFN_FUNCTION) on $PORT (default 8080, all interfaces), with
      probes, CloudEvents on POST / for Kafka-triggered functions, drain on SIGTERM. Needs
      KAFKA_BROKERS, REDIS_URL and (for a function with a context) MYSQL_URL.
  kfn knative --out DIR [--image REF] [--namespace NS] [--manifests DIR] [--kafka-bootstrap H:P,...]
              [--strimzi-cluster NAME] [--max-timeout SECONDS]
      Write Knative Services, KafkaSources, dead-letter KafkaSinks, topics and config for kubectl apply.
  kfn services [--state-dir DIR]
      Start local MariaDB and Redis, print MYSQL_URL= and REDIS_URL=, run until interrupted.
)";

std::filesystem::path default_library_dir(char const* argv0) {
  std::error_code ec;
  auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) self = std::filesystem::absolute(argv0);
  return self.parent_path().parent_path() / "lib" / "functions";
}

struct Args {
  std::vector<std::string> items;
  std::size_t next = 0;
  bool done() const { return next >= items.size(); }
  std::string const& take() { return items.at(next++); }
  std::string value(std::string const& flag) {
    if (done()) throw std::invalid_argument(flag + " needs a value");
    return take();
  }
};

int run_main(Args& args, char const* argv0) {
  kfn::runner::RunOptions options;
  options.library_dir = default_library_dir(argv0);
  if (char const* prefix = std::getenv("KFN_SCHEMA_PREFIX")) options.schema_prefix = prefix;
  while (!args.done()) {
    auto flag = args.take();
    if (flag == "--port")
      options.port = static_cast<std::uint16_t>(std::stoi(args.value(flag)));
    else if (flag == "--address")
      options.address = args.value(flag);
    else if (flag == "--manifests")
      options.manifests = args.value(flag);
    else if (flag == "--lib-dir")
      options.library_dir = args.value(flag);
    else if (flag == "--state-dir")
      options.state_dir = args.value(flag);
    else if (flag == "--function")
      options.only_function = args.value(flag);
    else if (flag == "--schema-prefix")
      options.schema_prefix = args.value(flag);
    else
      throw std::invalid_argument("unknown option " + flag);
  }
  return kfn::runner::run(options);
}

int invoke_main(Args& args) {
  kfn::runner::InvokeOptions options;
  if (args.done()) throw std::invalid_argument("kfn invoke needs a function name");
  options.function = args.take();
  while (!args.done()) {
    auto flag = args.take();
    if (flag == "--data")
      options.data = args.value(flag);
    else if (flag == "--url")
      options.url = args.value(flag);
    else if (flag == "--token")
      options.token = args.value(flag);
    else if (flag == "--manifests")
      options.manifests = args.value(flag);
    else if (flag == "--param") {
      auto pair = args.value(flag);
      auto eq = pair.find('=');
      if (eq == std::string::npos) throw std::invalid_argument("--param takes NAME=VALUE");
      options.params.emplace_back(pair.substr(0, eq), pair.substr(eq + 1));
    } else {
      throw std::invalid_argument("unknown option " + flag);
    }
  }
  return kfn::runner::invoke(options);
}

int services_main(Args& args) {
  std::filesystem::path state_dir = ".kfn";
  while (!args.done()) {
    auto flag = args.take();
    if (flag == "--state-dir")
      state_dir = args.value(flag);
    else
      throw std::invalid_argument("unknown option " + flag);
  }
  return kfn::runner::run_services(state_dir);
}

}  // namespace

int main(int argc, char** argv) {
  // Block the stop signals before any thread exists, so every thread inherits the mask and the main
  // thread alone receives them through sigwait.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  Args args{{argv + 1, argv + argc}};
  if (args.done() || args.items[0] == "--help" || args.items[0] == "-h") {
    std::cout << kUsage;
    return args.done() ? 2 : 0;
  }
  auto command = args.take();
  try {
    if (command == "run") return run_main(args, argv[0]);
    if (command == "invoke") return invoke_main(args);
    if (command == "services") return services_main(args);
    std::vector<std::string> const rest(args.items.begin() + static_cast<std::ptrdiff_t>(args.next),
                                        args.items.end());
    if (command == "serve") return kfn::runner::serve_command(rest, default_library_dir(argv[0]));
    if (command == "knative") return kfn::runner::knative_command(rest);
    std::cerr << "kfn: unknown command '" << command << "'\n" << kUsage;
    return 2;
  } catch (kfn::host::ManifestError const& e) {
    std::cerr << "kfn: manifest error: " << e.what() << "\n";
  } catch (kfn::host::LoadError const& e) {
    std::cerr << "kfn: cannot load function: " << e.what() << "\n";
  } catch (std::invalid_argument const& e) {
    std::cerr << "kfn: " << e.what() << "\n" << kUsage;
    return 2;
  } catch (std::exception const& e) {
    std::cerr << "kfn: " << e.what() << "\n";
  }
  return 1;
}
