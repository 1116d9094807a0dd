// SIGTERM in Knative mode: the event under way is finished and answered, then the process exits 0.
#include <catch2/catch.hpp>
#include <future>

#include "knative_process.h"
#include "mock_cluster.h"
#include "runner_setup.h"

using kfn::kafka::testing::MockCluster;
using kfn::kafka::testing::RunnerSetup;

TEST_CASE("SIGTERM drains the event in flight, answers it, and exits 0") {
  MockCluster cluster(1);
  RunnerSetup setup(cluster, 1, 4);
  auto const runner = setup.runner_options();
  auto env = kfn::test::knative_env("probe", cluster.bootstrap(), runner.schema_prefix);
  env["KFN_MANIFESTS"] = runner.manifests_dir;
  env["KFN_LIB_DIR"] = runner.library_dir;
  kfn::test::KnativeProcess serve(env);

  // The probe sleeps 1.5 s after reporting that it started: long enough to be in flight at SIGTERM.
  auto in_flight = std::async(std::launch::async, [&] {
    return serve.client()->request("POST", "/", R"({"seq":1,"delay_ms":1500})",
                                   {{"ce-specversion", "1.0"},
                                    {"ce-id", "partition:0/offset:0"},
                                    {"ce-source", "/apis/v1/namespaces/kfn/kafkasources/probe#events"},
                                    {"ce-type", "dev.knative.kafka.event"},
                                    {"ce-key", "k1"},
                                    {"Content-Type", "application/json"}});
  });
  REQUIRE(kfn::kafka::testing::eventually([&] { return !setup.report().concurrency().empty(); },
                                          std::chrono::seconds(20)));
  serve.terminate();
  auto const response = in_flight.get();
  CHECK(response.status == 200);
  CHECK(serve.wait() == 0);
  CHECK(setup.report().handled() == 1);
  CHECK(setup.report().seen("k1") == std::vector<std::string>{"1"});
}
