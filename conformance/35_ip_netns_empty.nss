# With an empty /run/netns: `ip netns list` and bare `ip netns` print nothing
# (exit 0), `ip -j netns list` prints [], `ip netns list-id` with no ids
# prints nothing.
# Reference: linux-behaviour.md §7 (first rows of the table).
init ip netns list =>
init ip netns =>
init ip -j netns list => []
init ip netns list-id =>
init ip -j netns list-id => []
