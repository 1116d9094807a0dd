# The SSE edge end to end (included by tests/CMakeLists.txt): streams, resume, presence, tickets,
# slow clients, descriptor reuse and SIGTERM, against the real runner.
kfn_add_test(NAME integration_sse_test LABELS integration
  SOURCES integration/sse_test.cpp integration/sse_edge_test.cpp integration/sse_test_support.cpp
          integration/chat_test_support.cpp
  LIBRARIES kfn_test_support)
if(TARGET integration_sse_test)
  add_dependencies(integration_sse_test kfn)
  set_tests_properties(integration_sse_test PROPERTIES FIXTURES_REQUIRED services)
endif()
