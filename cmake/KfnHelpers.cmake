# One place for warnings, sanitizers and the shapes of kfn's targets (functions, tests).

# Warnings and sanitizer flags every kfn target gets.
function(kfn_target_defaults target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wold-style-cast -Wcast-align -Wunused -Woverloaded-virtual)
  if(KFN_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

if(KFN_SANITIZE AND KFN_TSAN)
  message(FATAL_ERROR "KFN_SANITIZE and KFN_TSAN cannot be combined")
endif()
if(KFN_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
if(KFN_TSAN)
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
endif()

# kfn_add_function(NAME <name> SOURCES <files...> [LIBRARIES <libs...>])
# Builds one function as its own shared library, lib<name>.so in KFN_FUNCTION_OUTPUT_DIR, seeing only
# the public function API (runtime/include/kfn) and functions/common.
function(kfn_add_function)
  cmake_parse_arguments(ARG "" "NAME" "SOURCES;LIBRARIES" ${ARGN})
  add_library(${ARG_NAME} MODULE ${ARG_SOURCES})
  kfn_target_defaults(${ARG_NAME})
  set_target_properties(${ARG_NAME} PROPERTIES
    PREFIX "lib"
    LIBRARY_OUTPUT_DIRECTORY ${KFN_FUNCTION_OUTPUT_DIR}
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  target_link_libraries(${ARG_NAME} PRIVATE kfn::api ${ARG_LIBRARIES})
  set_property(GLOBAL APPEND PROPERTY KFN_FUNCTION_TARGETS ${ARG_NAME})
endfunction()

# kfn_add_test(NAME <name> SOURCES <files...> [LIBRARIES <libs...>] [LABELS <labels...>])
# A Catch2 test executable registered with CTest.
function(kfn_add_test)
  cmake_parse_arguments(ARG "" "NAME" "SOURCES;LIBRARIES;LABELS" ${ARGN})
  if(NOT KFN_BUILD_TESTS)
    return()
  endif()
  # Catch2's main is slow to compile: build it once for every test executable.
  if(NOT TARGET kfn_catch_main)
    add_library(kfn_catch_main STATIC ${PROJECT_SOURCE_DIR}/tests/support/catch_main.cpp)
    target_link_libraries(kfn_catch_main PUBLIC Catch2::Catch2)
  endif()
  add_executable(${ARG_NAME} ${ARG_SOURCES})
  kfn_target_defaults(${ARG_NAME})
  target_link_libraries(${ARG_NAME} PRIVATE kfn_catch_main Catch2::Catch2 ${ARG_LIBRARIES})
  add_test(NAME ${ARG_NAME} COMMAND ${ARG_NAME})
  if(ARG_LABELS)
    set_tests_properties(${ARG_NAME} PROPERTIES LABELS "${ARG_LABELS}")
  endif()
endfunction()
