#include "names.h"

#include <algorithm>

namespace kfn::knative {

std::string object_name_for_topic(std::string const& topic) {
  std::string name = topic;
  std::ranges::replace(name, '_', '-');
  std::ranges::transform(name, name.begin(),
                         [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return name;
}

Object object_metadata(std::string const& name, std::string const& ns, std::string const& part_of) {
  return Object{{"name", name}, {"namespace", ns}, {"labels", Object{{kPartOf, part_of}}}};
}

}  // namespace kfn::knative
