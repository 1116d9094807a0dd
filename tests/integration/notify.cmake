# The notify context end to end (included by tests/CMakeLists.txt): domain events produced onto the
# runner's embedded Kafka, deliveries read back, the notification and presence routes over HTTP, and
# the push webhook against a local HTTP server.
kfn_add_test(NAME integration_notify_test LABELS integration
  SOURCES integration/notify_test.cpp integration/notify_webhook_test.cpp integration/notify_test_events.cpp
  LIBRARIES kfn_test_support)
if(TARGET integration_notify_test)
  add_dependencies(integration_notify_test kfn)
  set_tests_properties(integration_notify_test PROPERTIES FIXTURES_REQUIRED services)
endif()
