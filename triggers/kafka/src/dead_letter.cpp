// Building a dead letter from the record that failed.
#include "dead_letter.h"

namespace kfn::kafka {

OutgoingRecord dead_letter_for(Record const& record, std::string const& topic, std::string_view error,
                               int attempts) {
  OutgoingRecord letter{topic, record.key, record.value, record.headers};
  letter.headers.emplace_back("kfn_error", std::string(error));
  letter.headers.emplace_back("kfn_attempts", std::to_string(attempts));
  letter.headers.emplace_back("kfn_source_topic", record.source.topic);
  letter.headers.emplace_back("kfn_source_partition", std::to_string(record.source.partition));
  letter.headers.emplace_back("kfn_source_offset", std::to_string(record.offset));
  return letter;
}

}  // namespace kfn::kafka
