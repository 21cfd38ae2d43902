# A netns whose only reference is its last task dies when that task exits:
# the observer holding an id for it gets RTM_DELNSID after settle.
# Reference: linux-behaviour.md §6.5 (kill+waitpid of the last process), §9.
init spawn t
t unshare net => ok
init nl newnsid pid=t nsid=8 => ok
init nl getnsid pid=t => nsid 8
init monitor nsid => ok
t exit => ok
init settle => ok
init events 1 => DELNSID nsid 8
init nl dumpnsid =>
