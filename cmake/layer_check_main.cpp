// SPDX-License-Identifier: GPL-2.0-only
// The program each netns_layer_check_<layer> target links: it only has to
// link. Its objects are one layer's and those of the layers below it, so a
// call from a layer to a function of a layer above it has nothing to
// resolve to, and the link (part of the default build) fails.
int main() { return 0; }
