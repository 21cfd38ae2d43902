# SPDX-License-Identifier: GPL-2.0-only
# `cmake --install BUILD --prefix P`: the model's public headers, libnetns.a
# and libnetns.so (with its SONAME), a CMake package and netns.pc.
#
#   find_package(netns 0.1 REQUIRED)
#   target_link_libraries(app PRIVATE netns::netns)         # the shared library
#   target_link_libraries(app PRIVATE netns::netns_static)  # or the static one
#
#   c++ -std=c++20 app.cpp $(pkg-config --cflags --libs netns)
include(CMakePackageConfigHelpers)

set(netns_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/netns)
# Only the model's layers: the tools' headers are not part of the library.
foreach(layer base core subsys fs task proc netlink machine)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/netns/${layer}
          DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/netns COMPONENT devel)
endforeach()

set(netns_installed_targets netns)
if(NETNS_BUILD_SHARED)
  list(APPEND netns_installed_targets netns_shared)
endif()
install(TARGETS ${netns_installed_targets} EXPORT netns-targets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT devel
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT runtime NAMELINK_COMPONENT devel
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT netns-targets NAMESPACE netns:: FILE netns-targets.cmake
        DESTINATION ${netns_cmake_dir} COMPONENT devel)

configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/netns-config.cmake.in
                              ${CMAKE_CURRENT_BINARY_DIR}/netns-config.cmake
                              INSTALL_DESTINATION ${netns_cmake_dir})
# 0.x: a minor version may break the API, so only the same minor matches.
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/netns-config-version.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/netns-config.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/netns-config-version.cmake
        DESTINATION ${netns_cmake_dir} COMPONENT devel)

# netns.pc names its prefix relative to itself, so the tree may be
# installed under any --prefix, or moved.
file(RELATIVE_PATH netns_pc_to_prefix ${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/pkgconfig
     ${CMAKE_INSTALL_PREFIX})
string(REGEX REPLACE "/$" "" netns_pc_to_prefix "${netns_pc_to_prefix}")
configure_file(${CMAKE_CURRENT_LIST_DIR}/netns.pc.in ${CMAKE_CURRENT_BINARY_DIR}/netns.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/netns.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT devel)
