# ip -b runs a file of ip commands: add, set 99 and list-id in one batch
# print the new id with its name. Source: iproute2 testsuite/tests/ip/netns/
# set_nsid_batch.t. Probed: probe/ip_batch.sh (exec sh -c "ip -b FILE < /dev/null")
# (needs: write with \n; ip also needs fd 0 open: see the issue-18 report).
init touch /run/batch => ok
init write /run/batch "netns add testnsid\nnetns set testnsid 99\nnetns list-id" => ok
init ip -b /run/batch => nsid 99 (iproute2 netns name: testnsid)
init ip netns list => testnsid (id: 99)
