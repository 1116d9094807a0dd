#include "yaml_writer.h"

#include <yaml-cpp/yaml.h>

namespace kfn::knative {
namespace {

void emit(YAML::Emitter& out, Object const& value) {
  switch (value.type()) {
    case Object::value_t::object:
      out << YAML::BeginMap;
      for (auto const& [key, item] : value.items()) {
        out << YAML::Key << key << YAML::Value;
        emit(out, item);
      }
      out << YAML::EndMap;
      break;
    case Object::value_t::array:
      out << YAML::BeginSeq;
      for (auto const& item : value) emit(out, item);
      out << YAML::EndSeq;
      break;
    case Object::value_t::string: {
      // Multi-line text (the route map's JSON) reads best as a literal block, a string either way.
      auto const& text = value.get_ref<std::string const&>();
      out << (text.find('\n') == std::string::npos ? YAML::DoubleQuoted : YAML::Literal) << text;
      break;
    }
    case Object::value_t::boolean:
      out << value.get<bool>();
      break;
    case Object::value_t::number_integer:
    case Object::value_t::number_unsigned:
      out << value.get<std::int64_t>();
      break;
    case Object::value_t::number_float:
      out << value.get<double>();
      break;
    default:
      out << YAML::Null;
  }
}

}  // namespace

std::string to_yaml(std::vector<Object> const& objects) {
  std::string text;
  for (auto const& object : objects) {
    YAML::Emitter out;
    emit(out, object);
    text += "---\n";
    text += out.c_str();
    text += "\n";
  }
  return text;
}

}  // namespace kfn::knative
