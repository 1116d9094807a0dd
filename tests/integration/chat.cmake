# The chat context end to end (included by tests/CMakeLists.txt): rooms and messages over HTTP with
# friendships made through the social routes, the events on chat.events and message.events, and
# concurrent senders into one room.
kfn_add_test(NAME integration_chat_test LABELS integration
  SOURCES integration/chat_test.cpp integration/chat_group_test.cpp integration/chat_concurrency_test.cpp
          integration/chat_events_test.cpp integration/chat_test_support.cpp
  LIBRARIES kfn_test_support)
if(TARGET integration_chat_test)
  add_dependencies(integration_chat_test kfn)
  set_tests_properties(integration_chat_test PROPERTIES FIXTURES_REQUIRED services)
endif()
