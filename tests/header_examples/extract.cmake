# SPDX-License-Identifier: GPL-2.0-only
# The example in a public header's opening comment, as compiled code.
#
# Every header under include/netns/ opens with a comment (the `//` lines
# from its first line, the SPDX line, up to the first line that is not a
# `//` line) that says what the header is, shows an example, and gives its
# locking and cost. The example is the block of lines that follows a line
# reading exactly `// Example:` in that comment:
#
#   // Example:
#   //   machine m;
#   //   task& t = m.init_task();
#   //   int fd = *sys_open(t, "/proc/self/ns/net", O_RDONLY);
#   //
#
# - Code lines start with `//` and three spaces; what follows is C++, with
#   its own indentation kept. The block ends at a blank `//` line or at the
#   end of the comment; any other line right after it (prose indented less)
#   is an error, so that a line cannot drop out of the example unnoticed.
# - One block per header, with at least one line. Lines before the marker
#   (tables, indented prose) are never code.
# - The lines are the body of a function
#       [[maybe_unused]] static netns::result<void> netns_header_example()
#   with `using namespace netns;` (and `using namespace netns::tools;` for
#   headers under netns/tools/), ended by `return netns::ok();`. So a line
#   may `return errc{ENOSPC};`, `return r.error();` or `return r;` (a
#   result<void>): the file includes netns/base/result.hpp and <cerrno>
#   for the function, whatever the header includes. A line may declare
#   local structs, enums and lambdas; it may not declare templates or
#   namespaces. Other namespaces are written out (fs::vfs, rcu::read_guard,
#   netlink::nl_builder).
# - A line `#include <...>` or `#include "..."` in the block is hoisted to
#   file scope, after the header itself: an example may use other headers
#   (kernel.hpp's uses boot() from netns/subsys/builtin.hpp).
# - The generated file includes the header first, so it also proves that
#   the header compiles on its own. It compiles with the project's warnings;
#   unused variables are allowed (an example may declare what it shows), an
#   ignored [[nodiscard]] result is not: write (void) or handle the error.
#   Errors point at the header's own lines (#line), in the header's columns.
# - Examples are compiled, never run: a `*r` of a result that would fail
#   at run time is fine.
#
# Modes (cmake -P):
#   -DHEADER=<header> -DINCLUDE_DIR=<include root> -DOUTPUT=<file.cpp>
#       writes the example of HEADER as OUTPUT (fails, naming the header,
#       if it has no example block);
#   -DCHECK_INCLUDE_DIR=<include root>
#       checks that every header under <include root>/netns has a non-empty
#       example block, and lists those that have not.
# Included from CMake code, it only defines netns_header_example().

cmake_minimum_required(VERSION 3.25)

# Characters CMake lists treat specially, held as control characters while
# the text is split into lines.
string(ASCII 1 _netns_ex_semicolon)
string(ASCII 2 _netns_ex_lbracket)
string(ASCII 3 _netns_ex_rbracket)
string(ASCII 4 _netns_ex_backslash)

function(_netns_ex_unescape var text)
  string(REPLACE "${_netns_ex_semicolon}" ";" text "${text}")
  string(REPLACE "${_netns_ex_lbracket}" "[" text "${text}")
  string(REPLACE "${_netns_ex_rbracket}" "]" text "${text}")
  string(REPLACE "${_netns_ex_backslash}" "\\" text "${text}")
  set(${var} "${text}" PARENT_SCOPE)
endfunction()

# Appends a #line that names the next line of `var`'s text as the line it
# is in the generated file (OUTPUT_NAME), after lines that named the header's.
macro(_netns_ex_back_to_output var)
  string(REGEX MATCHALL "\n" _netns_ex_newlines "${${var}}")
  list(LENGTH _netns_ex_newlines _netns_ex_n)
  math(EXPR _netns_ex_n "${_netns_ex_n} + 2")
  string(APPEND ${var} "#line ${_netns_ex_n} \"${A_OUTPUT_NAME}\"\n")
endmacro()

# netns_header_example(HEADER <file> [LINES <var>] [ERROR <var>]
#                      [CPP <var> INCLUDE_DIR <dir> OUTPUT_NAME <file.cpp>])
# Reads HEADER's example block. LINES: the number of its lines (0 when
# there is none). ERROR: why the header has no usable example block (""
# when it has one). CPP: the translation unit to write as OUTPUT_NAME
# (INCLUDE_DIR: the root the header is included from).
function(netns_header_example)
  cmake_parse_arguments(A "" "HEADER;INCLUDE_DIR;CPP;LINES;ERROR;OUTPUT_NAME" "" ${ARGN})
  file(READ "${A_HEADER}" content)
  string(REPLACE "\\" "${_netns_ex_backslash}" content "${content}")
  string(REPLACE ";" "${_netns_ex_semicolon}" content "${content}")
  string(REPLACE "[" "${_netns_ex_lbracket}" content "${content}")
  string(REPLACE "]" "${_netns_ex_rbracket}" content "${content}")
  string(REPLACE "\n" ";" lines "${content}")

  set(error "")
  set(state before)  # before the marker, in the block, after it
  set(markers 0)
  set(number 0)
  set(includes "")   # hoisted lines, each "NUMBER:TEXT"
  set(code "")       # code lines, each "NUMBER:TEXT"
  set(count 0)
  foreach(line IN LISTS lines)
    math(EXPR number "${number} + 1")
    if(NOT line MATCHES "^//")
      break()  # the end of the opening comment
    endif()
    if(line MATCHES "^// Example:[ \t]*$")
      math(EXPR markers "${markers} + 1")
      if(markers GREATER 1)
        set(error "line ${number}: a second `// Example:` line (one example per header)")
        break()
      endif()
      set(state block)
    elseif(state STREQUAL "block")
      if(line MATCHES "^//   (.*)$")
        set(text "${CMAKE_MATCH_1}")
        math(EXPR count "${count} + 1")
        if(text MATCHES "^[ \t]*#[ \t]*include[ \t]*([<\"].*)$")
          list(APPEND includes "${number}:#include ${CMAKE_MATCH_1}")
        else()
          list(APPEND code "${number}:${text}")
        endif()
      elseif(line MATCHES "^//[ \t]*$")
        set(state after)
      else()
        set(error "line ${number}: the example block must end with a blank `//` line, "
                  "and each of its lines start with `//` and three spaces")
        break()
      endif()
    endif()
  endforeach()
  if(NOT error AND markers EQUAL 0)
    set(error "no example block: its opening comment needs a `// Example:` line, then lines "
              "of code that each start with `//` and three spaces")
  elseif(NOT error AND count EQUAL 0)
    set(error "the example block after `// Example:` is empty")
  endif()
  string(CONCAT error ${error})
  if(DEFINED A_ERROR)
    set(${A_ERROR} "${error}" PARENT_SCOPE)
  endif()
  if(DEFINED A_LINES)
    if(error)
      set(count 0)
    endif()
    set(${A_LINES} ${count} PARENT_SCOPE)
  endif()
  if(NOT DEFINED A_CPP OR error)
    return()
  endif()

  # The translation unit. Its lines are counted as it is written, for the
  # #line that gives errors after the example back to the generated file.
  file(RELATIVE_PATH rel "${A_INCLUDE_DIR}" "${A_HEADER}")
  # The prefix `//   ` becomes five blanks: columns in messages are the header's.
  set(indent "     ")
  set(out "")
  string(APPEND out
         "// Generated from include/${rel} by tests/header_examples/extract.cmake: do not edit.\n"
         "// The example of the header's opening comment, compiled so that it cannot go stale.\n"
         "// The header comes first: this also proves that it compiles on its own.\n"
         "#include \"${rel}\"\n")
  foreach(entry IN LISTS includes)
    string(REGEX MATCH "^([0-9]+):(.*)$" _ "${entry}")
    string(APPEND out "#line ${CMAKE_MATCH_1} \"${A_HEADER}\"\n${CMAKE_MATCH_2}\n")
  endforeach()
  _netns_ex_back_to_output(out)
  string(APPEND out
         "// What the wrapper needs: it returns netns::result<void>, so an example\n"
         "// may return errc{E...}.\n"
         "#include <cerrno>\n"
         "#include \"netns/base/result.hpp\"\n"
         "\n"
         "// An example may declare what it shows and not use it.\n"
         "#pragma GCC diagnostic push\n"
         "#pragma GCC diagnostic ignored \"-Wunused-variable\"\n"
         "#pragma GCC diagnostic ignored \"-Wunused-but-set-variable\"\n"
         "#pragma GCC diagnostic ignored \"-Wunused-local-typedefs\"\n"
         "[[maybe_unused]] static netns::result<void> netns_header_example() {\n"
         "  using namespace netns;\n")
  if(rel MATCHES "^netns/tools/")
    string(APPEND out "  using namespace netns::tools;\n")
  endif()
  set(expected -1)
  foreach(entry IN LISTS code)
    string(REGEX MATCH "^([0-9]+):(.*)$" _ "${entry}")
    set(n "${CMAKE_MATCH_1}")
    if(NOT n EQUAL expected)
      string(APPEND out "#line ${n} \"${A_HEADER}\"\n")
    endif()
    string(APPEND out "${indent}${CMAKE_MATCH_2}\n")
    math(EXPR expected "${n} + 1")
  endforeach()
  _netns_ex_back_to_output(out)
  string(APPEND out
         "  return netns::ok();\n"
         "}\n"
         "#pragma GCC diagnostic pop\n")
  _netns_ex_unescape(out "${out}")
  set(${A_CPP} "${out}" PARENT_SCOPE)
endfunction()

if(NOT CMAKE_SCRIPT_MODE_FILE OR NOT CMAKE_SCRIPT_MODE_FILE STREQUAL CMAKE_CURRENT_LIST_FILE)
  return()  # included: the function is all
endif()

if(DEFINED HEADER)
  if(NOT DEFINED INCLUDE_DIR OR NOT DEFINED OUTPUT)
    message(FATAL_ERROR "extract.cmake: HEADER needs INCLUDE_DIR and OUTPUT")
  endif()
  netns_header_example(HEADER "${HEADER}" INCLUDE_DIR "${INCLUDE_DIR}" OUTPUT_NAME "${OUTPUT}"
                       CPP cpp ERROR error)
  if(error)
    message(FATAL_ERROR "${HEADER}: ${error} (see tests/header_examples/extract.cmake)")
  endif()
  file(WRITE "${OUTPUT}" "${cpp}")
elseif(DEFINED CHECK_INCLUDE_DIR)
  file(GLOB_RECURSE headers "${CHECK_INCLUDE_DIR}/netns/*.hpp")
  list(SORT headers)
  set(failed "")
  set(total 0)
  set(lines_total 0)
  foreach(h IN LISTS headers)
    math(EXPR total "${total} + 1")
    netns_header_example(HEADER "${h}" LINES n ERROR error)
    file(RELATIVE_PATH rel "${CHECK_INCLUDE_DIR}" "${h}")
    if(error)
      list(APPEND failed "include/${rel}: ${error}")
    else()
      math(EXPR lines_total "${lines_total} + ${n}")
      message(STATUS "include/${rel}: ${n} lines")
    endif()
  endforeach()
  if(total EQUAL 0)
    message(FATAL_ERROR "no header under ${CHECK_INCLUDE_DIR}/netns")
  endif()
  if(failed)
    list(LENGTH failed nfailed)
    list(JOIN failed "\n  " text)
    message(FATAL_ERROR "${nfailed} of ${total} public headers have no usable example block "
                        "(see tests/header_examples/extract.cmake):\n  ${text}")
  endif()
  message(STATUS "${total} public headers, each with an example (${lines_total} lines)")
else()
  message(FATAL_ERROR "extract.cmake: give HEADER, INCLUDE_DIR and OUTPUT, or CHECK_INCLUDE_DIR")
endif()
