# The social context end to end (friends over HTTP, friend.events on Kafka) and the users context's
# lookup routes, against the real runner. Included by tests/CMakeLists.txt.
kfn_add_test(NAME integration_social_test LABELS integration
  SOURCES integration/social_test.cpp
  LIBRARIES kfn_test_support)
add_dependencies(integration_social_test kfn)
set_tests_properties(integration_social_test PROPERTIES FIXTURES_REQUIRED services)
