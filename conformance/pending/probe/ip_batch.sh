#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Probe for 350_ip_batch_set_nsid.nss: what ip 6.1 prints for the batch of
# iproute2's set_nsid_batch.t on the reference kernel, with fd 0 on /dev/null
# (as docs/scenarios.md promises) and with fd 0 closed (as the linux backend
# runs programs today). LINUX BACKEND ONLY: on the model, exec sh writing
# /run/batch would write the host's /run.
cat > /tmp/ip_batch_probe.nss <<'NSS'
init exec sh -c "printf 'netns add testnsid\nnetns set testnsid 99\nnetns list-id\n' > /run/batch"
init exec sh -c "ip -b /run/batch < /dev/null"
init ip netns list
init ip netns del testnsid
init settle
init exec sh -c "ip -b /run/batch 0<&-"
init exec readlink /proc/self/fd/0
NSS
/work/main/build/bin/netns run --backend linux /tmp/ip_batch_probe.nss
rm -f /tmp/ip_batch_probe.nss
