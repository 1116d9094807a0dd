// The process's metric families and their Prometheus text exposition (format version 0.0.4).
#include "kfn/host/metrics_registry.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <stdexcept>

namespace kfn::host {
namespace {

bool valid_name(std::string const& name, bool allow_colon) {
  auto const head = [&](char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || (allow_colon && c == ':');
  };
  auto const tail = [&](char c) { return head(c) || std::isdigit(static_cast<unsigned char>(c)); };
  return !name.empty() && head(name.front()) && std::all_of(name.begin() + 1, name.end(), tail);
}

std::string format_value(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  char buffer[64];
  auto const result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

// Bucket bounds in plain decimal ("0.0005", not "5e-04"), as Prometheus clients write them.
std::string format_bound(double bound) {
  char buffer[64];
  auto const result = std::to_chars(buffer, buffer + sizeof buffer, bound, std::chars_format::fixed);
  return std::string(buffer, result.ptr);
}

std::string escape(std::string const& text, bool quotes) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '"' && quotes) {
      out += "\\\"";
    } else {
      out += c;
    }
  }
  return out;
}

// `{a="x",b="y"}`, with an optional extra label last (a histogram's `le`); empty when no labels.
std::string render_labels(Labels const& labels, std::string const& extra_name = {},
                          std::string const& extra_value = {}) {
  Labels all = labels;
  if (!extra_name.empty()) all.emplace_back(extra_name, extra_value);
  if (all.empty()) return {};
  std::string out = "{";
  for (std::size_t i = 0; i < all.size(); ++i) {
    out += (i ? "," : "") + all[i].first + "=\"" + escape(all[i].second, true) + "\"";
  }
  return out + "}";
}

}  // namespace

void Histogram::observe(double seconds) {
  // Buckets hold their own observations only; render() accumulates. Values above the last bound
  // exist only in count_, which is the +Inf bucket.
  auto const bound = std::lower_bound(kBounds.begin(), kBounds.end(), seconds);
  if (bound != kBounds.end())
    buckets_[static_cast<std::size_t>(bound - kBounds.begin())].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(seconds, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
}

struct MetricsRegistry::Family {
  struct Series {
    Labels labels;
    std::unique_ptr<Counter> counter;
    std::unique_ptr<Gauge> gauge;
    std::unique_ptr<Histogram> histogram;
  };

  std::string name;
  std::string help;
  char kind;                             // 'c'ounter, 'g'auge, 'h'istogram
  std::map<std::string, Series> series;  // by rendered labels, so output order is stable

  Series& get(Labels const& labels) {
    for (auto const& [label, unused] : labels) {
      if (!valid_name(label, false)) throw std::invalid_argument("invalid metric label name: " + label);
    }
    auto [it, inserted] = series.try_emplace(render_labels(labels));
    if (inserted) {
      it->second.labels = labels;
      if (kind == 'c') it->second.counter = std::make_unique<Counter>();
      if (kind == 'g') it->second.gauge = std::make_unique<Gauge>();
      if (kind == 'h') it->second.histogram = std::make_unique<Histogram>();
    }
    return it->second;
  }

  void render(std::string& out) const {
    static constexpr char const* kTypes[] = {"counter", "gauge", "histogram"};
    out += "# HELP " + name + " " + escape(help, false) + "\n";
    out += std::string("# TYPE ") + name + " " + kTypes[kind == 'c' ? 0 : kind == 'g' ? 1 : 2] + "\n";
    for (auto const& [labels_text, s] : series) {
      if (s.counter) out += name + labels_text + " " + format_value(s.counter->value()) + "\n";
      if (s.gauge) out += name + labels_text + " " + format_value(s.gauge->value()) + "\n";
      if (s.histogram) render_histogram(out, s);
    }
  }

  void render_histogram(std::string& out, Series const& s) const {
    Histogram const& h = *s.histogram;
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < Histogram::kBounds.size(); ++i) {
      cumulative += h.bucket(i);
      out += name + "_bucket" + render_labels(s.labels, "le", format_bound(Histogram::kBounds[i])) + " " +
             std::to_string(cumulative) + "\n";
    }
    // Read after the buckets; max() keeps +Inf >= every bucket while observations race the render.
    std::uint64_t const count = std::max(h.count(), cumulative);
    out += name + "_bucket" + render_labels(s.labels, "le", "+Inf") + " " + std::to_string(count) + "\n";
    out += name + "_sum" + render_labels(s.labels) + " " + format_value(h.sum()) + "\n";
    out += name + "_count" + render_labels(s.labels) + " " + std::to_string(count) + "\n";
  }
};

MetricsRegistry::MetricsRegistry() = default;
MetricsRegistry::~MetricsRegistry() = default;

MetricsRegistry::Family& MetricsRegistry::family(std::string const& name, std::string const& help,
                                                 char kind) {
  if (!valid_name(name, true)) throw std::invalid_argument("invalid metric name: " + name);
  auto& slot = families_[name];
  if (!slot) slot = std::make_unique<Family>(Family{name, help, kind, {}});
  if (slot->kind != kind) throw std::logic_error("metric " + name + " registered with two types");
  return *slot;
}

Counter& MetricsRegistry::counter(std::string const& name, std::string const& help, Labels const& labels) {
  std::lock_guard const lock(mutex_);
  return *family(name, help, 'c').get(labels).counter;
}

Gauge& MetricsRegistry::gauge(std::string const& name, std::string const& help, Labels const& labels) {
  std::lock_guard const lock(mutex_);
  return *family(name, help, 'g').get(labels).gauge;
}

Histogram& MetricsRegistry::histogram(std::string const& name, std::string const& help,
                                      Labels const& labels) {
  std::lock_guard const lock(mutex_);
  return *family(name, help, 'h').get(labels).histogram;
}

std::string MetricsRegistry::render() const {
  std::string out;
  std::lock_guard const lock(mutex_);
  for (auto const& [name, family] : families_) family->render(out);
  return out;
}

}  // namespace kfn::host
