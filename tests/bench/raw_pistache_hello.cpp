// The baseline for the HTTP benchmark: Pistache 0.0.5 alone, answering one route with a constant,
// on the same number of reactor threads the runtime uses.
#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <signal.h>

#include <cstdlib>
#include <iostream>

namespace {

class Hello : public Pistache::Http::Handler {
 public:
  HTTP_PROTOTYPE(Hello)
  void onRequest(Pistache::Http::Request const& request, Pistache::Http::ResponseWriter response) override {
    if (request.resource() == "/noop") {
      response.send(Pistache::Http::Code::Ok, "{}");
    } else {
      response.send(Pistache::Http::Code::Not_Found);
    }
  }
};

}  // namespace

int main(int argc, char** argv) {
  int port = argc > 1 ? std::atoi(argv[1]) : 9081;
  int threads = argc > 2 ? std::atoi(argv[2]) : 2;
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
  Pistache::Http::Endpoint endpoint(Pistache::Address(Pistache::Ipv4::loopback(), Pistache::Port(port)));
  endpoint.init(
      Pistache::Http::Endpoint::options().threads(threads).flags(Pistache::Tcp::Options::ReuseAddr));
  endpoint.setHandler(Pistache::Http::make_handler<Hello>());
  endpoint.serveThreaded();
  std::cout << "listening on http://127.0.0.1:" << port << std::endl;
  int received = 0;
  sigwait(&stop, &received);
  endpoint.shutdown();
  return 0;
}
