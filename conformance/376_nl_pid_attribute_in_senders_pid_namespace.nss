# NETNSA_PID is a pid in the sending task's pid namespace: from a task in a
# child pid namespace, pid 2 names that namespace's second task (c), even
# when the number was meant as init's pid in the root namespace (pid=init
# sends init's root number, 2); a number no task has there is ESRCH.
# Source: the kernel's get_net_ns_by_pid (find_task_by_vpid); selftests
# net/ nsid cases sent from a pid namespace. Probed: netns diff.
init spawn a => ok
a unshare pid => ok
a spawn b => ok
b spawn c => ok
c unshare net => ok
b getpid => pid 1
c getpid => pid 2
b nl raw 240000005800050001000000000000000000000008000100070000000800020002000000 => ok
init nl getnsid pid=c => nsid 7
b nl getnsid pid=init => nsid 7
b nl raw 240000005a00010001000000000000000000000008000100070000000800020063000000 => error ESRCH "Peer netns reference is invalid"
