// A library that forgot to export its entry point: the loader must say which symbol is missing.
#include "kfn/function.h"

KFN_EXPORT kfn::Function not_the_entry(kfn::Setup&) {
  return kfn::Function::http([](kfn::HttpRequest const&, kfn::Context&) { return kfn::no_content(); });
}
