#include "knative_command.h"

#include <iostream>
#include <stdexcept>

#include "kfn/host/manifest.h"
#include "kfn/knative/generator.h"

namespace kfn::runner {
namespace {

std::vector<std::string> split_commas(std::string const& text) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto comma = text.find(',', start);
    auto item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!item.empty()) items.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (items.empty()) throw std::invalid_argument("--kafka-bootstrap needs host:port[,host:port...]");
  return items;
}

}  // namespace

int knative_command(std::vector<std::string> const& args) {
  kfn::knative::GeneratorOptions options;
  std::string out;
  std::string manifests = "manifests";
  for (std::size_t i = 0; i < args.size(); ++i) {
    auto const& flag = args[i];
    auto value = [&]() -> std::string const& {
      if (i + 1 >= args.size()) throw std::invalid_argument(flag + " needs a value");
      return args[++i];
    };
    if (flag == "--out")
      out = value();
    else if (flag == "--image")
      options.image = value();
    else if (flag == "--namespace")
      options.ns = value();
    else if (flag == "--manifests")
      manifests = value();
    else if (flag == "--kafka-bootstrap")
      options.kafka_bootstrap = split_commas(value());
    else if (flag == "--strimzi-cluster")
      options.strimzi_cluster = value();
    else if (flag == "--max-timeout")
      options.max_timeout_seconds = std::stoi(value());
    else
      throw std::invalid_argument("unknown option " + flag);
  }
  if (out.empty()) throw std::invalid_argument("kfn knative needs --out DIR");
  auto files = kfn::knative::generate(kfn::host::load_catalogue(manifests), options);
  kfn::knative::write_files(files, out);
  std::cout << "wrote " << files.size() << " files to " << out << " (kubectl apply -f " << out
            << "; create the Secret from " << out << "/templates/secret.yaml first)\n";
  return 0;
}

}  // namespace kfn::runner
