// SPDX-License-Identifier: GPL-2.0-only
// The command table: every command's words, help and operation, in the
// order docs/scenarios.md lists them. The help is written against the
// shapes beside it and the backends: what a command takes, what it
// answers, and a line that runs (after the lines that set it up).
#include <fcntl.h>
#include <linux/nsfs.h>
#include <sched.h>
#include <sys/mount.h>

#include <array>
#include <cassert>
#include <utility>

#include "netns/tools/commands.hpp"

namespace netns::tools {

namespace {

// ---- binding: parsed values into an operation's members, by their type ----

void bind(std::string& m, const arg_value& v) { m = v.word; }
void bind(path_arg& m, const arg_value& v) { m.written = v.word; }
void bind(fd_arg& m, const arg_value& v) { m.name = v.word; }
void bind(new_fd_name& m, const arg_value& v) { m.name = v.word; }
void bind(task_arg& m, const arg_value& v) { m.name = v.word; }
void bind(program_args& m, const arg_value& v) { m.written = v.words; }
void bind(bool& m, const arg_value& v) { m = v.present; }
// A choice's value or a number; a 32-bit member takes it modulo 2^32, as
// the kernel takes a netlink attribute of 4294967295 for -1.
template <class T>
  requires std::is_integral_v<T>
void bind(T& m, const arg_value& v) {
  m = static_cast<T>(v.number);
}
template <class T>
void bind(std::optional<T>& m, const arg_value& v) {
  if (!v.present) return m.reset();
  T value{};
  bind(value, v);
  m = std::move(value);
}

template <class Op>
constexpr std::size_t member_count() {
  return std::tuple_size_v<decltype(Op::fields(std::declval<Op&>()))>;
}

template <class Op>
operation make_op(std::span<const arg_value> values) {
  assert(values.size() == member_count<Op>());
  Op op;
  std::size_t i = 0;
  for_each_field(op, [&](auto& member) { bind(member, values[i++]); });
  return op;
}

// ---- shapes ----

template <class Op>
form_spec form(std::vector<arg_spec> args, std::vector<arg_spec> optional = {}) {
  return {{}, std::move(args), std::move(optional), {}, &make_op<Op>, member_count<Op>()};
}
template <class Op>
form_spec request_form(std::string_view request, std::vector<arg_spec> options) {
  return {request, {}, {}, std::move(options), &make_op<Op>, member_count<Op>()};
}

arg_spec path(std::string_view name) { return {arg_kind::path, name}; }
arg_spec fd(std::string_view name) { return {arg_kind::fd, name}; }
arg_spec new_fd(std::string_view name) { return {arg_kind::new_fd, name}; }
arg_spec new_task(std::string_view name) { return {arg_kind::new_task, name}; }
arg_spec task(std::string_view name) { return {arg_kind::task, name}; }
arg_spec any_task(std::string_view name) { return {arg_kind::any_task, name}; }
arg_spec literal(std::string_view word) { return {arg_kind::literal, word}; }
arg_spec text(std::string_view name) { return {arg_kind::text, name}; }
arg_spec flag(std::string_view key) { return {arg_kind::flag, key}; }
arg_spec program(std::string_view name) { return {arg_kind::program_args, name}; }
arg_spec number(std::string_view name, std::string_view what) {
  return {arg_kind::uint_number, name, {}, what};
}
arg_spec signed_number(std::string_view key) { return {arg_kind::int_number, key, {}, "number"}; }
arg_spec choice(std::string_view name, std::span<const arg_choice> choices,
                std::string_view complaint, std::string_view listed = {}) {
  return {arg_kind::choice, name, choices, complaint, listed};
}
// `a`, taking a raw number in place of its words too.
arg_spec raw(arg_spec a) {
  a.raw_number = true;
  return a;
}
arg_spec fd_or_number(std::string_view name) { return {arg_kind::fd_or_number, name}; }
arg_spec data_options(arg_spec a) {
  a.data_words = true;
  return a;
}
arg_spec choice_set(std::string_view name, std::span<const arg_choice> choices,
                    std::string_view complaint, std::string_view listed) {
  return {arg_kind::choice_set, name, choices, complaint, listed};
}

// The namespace types, in SCENARIOS.md's order: unshare's flags, and
// setns's types with 0 (any type; alone).
constexpr arg_choice ns_types[] = {
    {"net", CLONE_NEWNET},       {"user", CLONE_NEWUSER}, {"uts", CLONE_NEWUTS},
    {"ipc", CLONE_NEWIPC},       {"mnt", CLONE_NEWNS},    {"pid", CLONE_NEWPID},
    {"cgroup", CLONE_NEWCGROUP}, {"time", clone_newtime}, {"0", 0},
};
constexpr std::span<const arg_choice> unshare_flags(ns_types, 8);
constexpr std::span<const arg_choice> setns_types(ns_types);
constexpr arg_choice ns_requests[] = {
    {"NS_GET_NSTYPE", NS_GET_NSTYPE},       {"NS_GET_USERNS", NS_GET_USERNS},
    {"NS_GET_PARENT", NS_GET_PARENT},       {"NS_GET_OWNER_UID", NS_GET_OWNER_UID},
    {"NS_GET_ID", static_cast<long>(ns_get_id)},
    {"NS_GET_MNTNS_ID", static_cast<long>(ns_get_mntns_id)},
};
// The requests about a task (ioctl's second form).
constexpr arg_choice ns_pid_requests[] = {
    {"NS_GET_PID_FROM_PIDNS", static_cast<long>(ns_get_pid_from_pidns)},
    {"NS_GET_TGID_FROM_PIDNS", static_cast<long>(ns_get_tgid_from_pidns)},
    {"NS_GET_PID_IN_PIDNS", static_cast<long>(ns_get_pid_in_pidns)},
    {"NS_GET_TGID_IN_PIDNS", static_cast<long>(ns_get_tgid_in_pidns)},
};

// Capability names, CAP_CHOWN (0) to CAP_CHECKPOINT_RESTORE (40).
constexpr const char* cap_names[] = {
    "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID",
    "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE",
    "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK",
    "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE",
    "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE",
    "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE",
    "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG",
    "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF",
    "CAP_CHECKPOINT_RESTORE"};
constexpr auto make_cap_choices() {
  std::array<arg_choice, std::size(cap_names)> out{};
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = {cap_names[i], long(1) << i};
  return out;
}
constexpr auto cap_choices = make_cap_choices();

// mount's forms. --rbind is a choice of one word, so that a form is picked
// by it; --bind stays a literal (the first form: a line that matches no
// form is told the shape of --bind).
constexpr arg_choice rbind_words[] = {{"--rbind", 1}};
constexpr arg_choice move_words[] = {{"--move", 1}};
constexpr arg_choice propagation_words[] = {
    {"--make-shared", MS_SHARED},
    {"--make-slave", MS_SLAVE},
    {"--make-private", MS_PRIVATE},
    {"--make-unbindable", MS_UNBINDABLE},
    {"--make-rshared", MS_REC | MS_SHARED},
    {"--make-rslave", MS_REC | MS_SLAVE},
    {"--make-rprivate", MS_REC | MS_PRIVATE},
    {"--make-runbindable", MS_REC | MS_UNBINDABLE},
};
constexpr arg_choice fs_types[] = {{"tmpfs", 0}, {"proc", 1}};
// -o's OPTIONS: mount(2)'s flags by util-linux's names. `rw` is the
// absence of MS_RDONLY; a choice of value 0 may not be in a list, so it
// goes by a bit no MS_* flag uses, which the forms drop. The new-mount
// form takes the flags; the remount form also `remount` and `bind`.
constexpr long mount_rw = 1L << 40;
constexpr arg_choice mount_flag_words[] = {
    {"rw", mount_rw},
    {"ro", MS_RDONLY},
    {"nosuid", MS_NOSUID},
    {"nodev", MS_NODEV},
    {"noexec", MS_NOEXEC},
    {"noatime", MS_NOATIME},
    {"nodiratime", MS_NODIRATIME},
    {"relatime", MS_RELATIME},
    {"strictatime", MS_STRICTATIME},
    {"sync", MS_SYNCHRONOUS},
    {"dirsync", MS_DIRSYNC},
    {"lazytime", MS_LAZYTIME},
    {"nosymfollow", MS_NOSYMFOLLOW},
    {"remount", MS_REMOUNT},
    {"bind", MS_BIND},
};
constexpr std::span<const arg_choice> new_mount_options(mount_flag_words, 13);
constexpr std::span<const arg_choice> remount_options(mount_flag_words);
constexpr arg_choice dash_o[] = {{"-o", 0}};
// "-t" as a choice of one word too: it picks the form, so that a bad type
// is told as such.
constexpr arg_choice dash_t[] = {{"-t", 0}};
// The words of --bind SRC DST (the literal binds nothing) and of --rbind
// SRC DST, into mount_bind_op.
operation make_bind(std::span<const arg_value> v) {
  mount_bind_op op;
  bind(op.source, v[0]);
  bind(op.target, v[1]);
  return op;
}
// -o's KEY=VALUE words, comma-joined: mount(2)'s data.
std::string join_data(const std::vector<std::string>& words) {
  std::string data;
  for (const std::string& d : words) (data += data.empty() ? "" : ",") += d;
  return data;
}
operation make_mount_fs(std::span<const arg_value> v) {
  mount_fs_op op;
  bind(op.fstype, v[1]);
  bind(op.source, v[2]);
  bind(op.target, v[3]);
  if (v[4].present) {
    op.flags = static_cast<std::uint64_t>(v[4].number & ~mount_rw);
    op.data.written = join_data(v[4].words);
  }
  return op;
}
operation make_remount(std::span<const arg_value> v) {
  mount_remount_op op;
  op.flags = static_cast<std::uint64_t>(v[1].number & ~mount_rw);
  op.data.written = join_data(v[1].words);
  bind(op.path, v[2]);
  return op;
}
operation make_rbind(std::span<const arg_value> v) {
  mount_bind_op op;
  bind(op.source, v[1]);
  bind(op.target, v[2]);
  op.recursive = 1;
  return op;
}
operation make_move(std::span<const arg_value> v) {
  mount_move_op op;
  bind(op.source, v[1]);
  bind(op.target, v[2]);
  return op;
}
// open's FLAGS. rdonly is O_RDONLY, 0; a choice of value 0 may not be
// in a list, so it goes by a bit no O_* flag uses, which make_open drops.
constexpr long open_rdonly = 1L << 40;
constexpr arg_choice open_flags[] = {
    {"rdonly", open_rdonly},     {"wronly", O_WRONLY},     {"rdwr", O_RDWR},
    {"path", O_PATH},            {"nofollow", O_NOFOLLOW}, {"directory", O_DIRECTORY},
    {"creat", O_CREAT},          {"excl", O_EXCL},         {"cloexec", O_CLOEXEC},
};
operation make_open(std::span<const arg_value> v) {
  open_op op;
  bind(op.path, v[0]);
  bind(op.as, v[1]);
  op.flags = static_cast<std::uint32_t>(v[2].present ? v[2].number & ~open_rdonly : 0);
  return op;
}
// write's TEXT: `\n` (a backslash and an n) is a newline, so that one
// word writes several lines (an ip -b batch file); any other backslash stays.
operation make_write(std::span<const arg_value> v) {
  write_op op;
  bind(op.path, v[0]);
  const std::string& w = v[1].word;
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (w[i] == '\\' && i + 1 < w.size() && w[i + 1] == 'n') {
      op.text += '\n';
      ++i;
    } else {
      op.text += w[i];
    }
  }
  bind(op.at, v[2]);
  return op;
}
// nl raw's HEX (checked: hex digits in pairs) as bytes.
operation make_nl_raw(std::span<const arg_value> v) {
  nl_raw_op op;
  const std::string& w = v[0].word;
  for (std::size_t i = 0; i + 1 < w.size(); i += 2)
    op.bytes += static_cast<char>(std::stoi(w.substr(i, 2), nullptr, 16));
  return op;
}
constexpr arg_choice dumpable_values[] = {{"0", 0}, {"1", 1}};

}  // namespace

const std::vector<command_spec>& command_table() {
  static const std::vector<command_spec> table = {
      {"spawn", "spawn NAME", "fork: NAME gets the task's namespaces, creds and fds",
       "NAME: the new task's name ([a-z][a-z0-9_]*), not one in use.\n"
       "The child is a fork of the task: same namespaces, credentials and fd table\n"
       "(its fds have the parent's names and numbers). It is known as NAME from then on.\n"
       "Result: ok (or error ERRNO when fork fails).",
       "init spawn t => ok",
       {form<spawn_op>({new_task("NAME")})}},
      {"exit", "exit", "the task exits; its fds close",
       "No arguments. The task exits and is reaped; its fds close, and the namespaces\n"
       "only it held go to cleanup (`settle` waits for that). Its name can no longer be\n"
       "used as a TASK, but @NAME and pid=NAME still name its last pid.\n"
       "Result: ok. (In the shell, a line `exit` alone, without a task, ends the session.)",
       "t exit => ok",
       {form<exit_op>({})}},
      {"unshare", "unshare FLAGS", "new namespaces for the task: net, user, uts, ...",
       "FLAGS: a comma list, in any order, each at most once, of net, user, uts, ipc,\n"
       "mnt, pid, cgroup, time (CLONE_NEWNET, ...; one unshare call with them all).\n"
       "With user, the kernel makes the user namespace first, which then owns the\n"
       "others. pid and time apply to the task's children made afterwards (spawn),\n"
       "not to the task itself.\n"
       "Result: ok, or error ERRNO (EPERM without CAP_SYS_ADMIN in the owning user\n"
       "namespace, ENOSPC past a max_*_namespaces limit, EINVAL for a second pid\n"
       "before a child was made).",
       "init unshare uts,net => ok",
       {form<unshare_op>({choice_set("FLAGS", unshare_flags, "bad flag",
                                     "(net, user, uts, ipc, mnt, pid, cgroup, time)")})}},
      {"setns", "setns FD TYPE", "join the namespace(s) an fd refers to",
       "FD: an fd name of the task (open ... as FD, or pidfd ... as FD), or a raw fd\n"
       "number (-1, 99). TYPE: one of net, user, uts, ipc, mnt, pid, cgroup, time, or 0\n"
       "(any type); with a pidfd, a comma list of them (the namespaces of that task to\n"
       "join at once; 0 only alone); or a raw nstype number (-1, 0x100).\n"
       "Result: ok, or error ERRNO (EINVAL when FD is not a namespace of TYPE or TYPE is\n"
       "0 with a pidfd, EBADF for a closed FD, EPERM without the capabilities setns needs).",
       "t setns n0 net => ok",
       {form<setns_op>({fd_or_number("FD"),
                        raw(choice_set("TYPE", setns_types, "bad type",
                                       "(net, user, uts, ipc, mnt, pid, cgroup, time, 0)"))})}},
      {"open", "open PATH as FD [FLAGS]", "open PATH (read-only by default); FD names the new fd",
       "PATH: an absolute path; @TASK stands for a task's pid (/proc/@t/ns/net) and %FD\n"
       "for an fd's number (/proc/self/fd/%n0). FD: a name ([a-z][a-z0-9_]*) for the new\n"
       "fd; the name of an open fd cannot be reused (close it first).\n"
       "FLAGS: a comma list of rdonly (the default), wronly, rdwr, path, nofollow,\n"
       "directory, creat, excl, cloexec (O_RDONLY, ...; creat with mode 0644).\n"
       "Result: ok, or error ERRNO (ENOENT, EACCES, ...). An fd on a namespace file keeps\n"
       "the namespace alive.",
       "init open /proc/self/ns/net as n0 => ok",
       {{{},
         {path("PATH"), literal("as"), new_fd("FD")},
         {choice_set("FLAGS", open_flags, "bad flag",
                     "(rdonly, wronly, rdwr, path, nofollow, directory, creat, excl, cloexec)")},
         {},
         &make_open,
         3}}},
      {"close", "close FD", "close an fd",
       "FD: an fd name of the task, or a raw fd number (-1, 99) closed as it is.\n"
       "A name stays known but closed: using it again\n"
       "(close, setns, ioctl) reaches the kernel as a bad fd.\n"
       "Result: ok, or error EBADF when it is closed already.",
       "init close n0 => ok",
       {form<close_op>({fd_or_number("FD")})}},
      {"readlink", "readlink PATH", "the target of a symbolic link",
       "PATH: an absolute path (@TASK and %FD as for open).\n"
       "Result: the target, normalized: namespace inode numbers as nsN (net:[ns1]), pids\n"
       "of tasks as their names (/proc/t); or error ERRNO (ENOENT, EINVAL for a file\n"
       "that is not a link).",
       "init readlink /proc/self/ns/net => net:[ns1]",
       {form<readlink_op>({path("PATH")})}},
      {"stat", "stat PATH", "a namespace's inode (ino nsN), dir or file",
       "PATH: an absolute path (@TASK and %FD as for open); links are followed.\n"
       "Result: ino nsN for a namespace file (the inode, named as readlink names it), dir,\n"
       "file, or error ERRNO.",
       "init stat /proc/self/ns/net => ino ns1",
       {form<stat_op>({path("PATH")})}},
      {"statfs", "statfs PATH", "the file system a path is on (type, sizes, mount flags)",
       "PATH: an absolute path (@TASK and %FD as for open); links are followed.\n"
       "Result: TYPE (tmpfs, proc, nsfs, or the magic number in hex), then bsize, blocks,\n"
       "bfree, bavail, files, ffree, namelen and frsize as NAME=N, and flags= the f_flags\n"
       "bits by name (valid, rdonly, nosuid, nodev, noexec, synchronous, mandlock,\n"
       "noatime, nodiratime, relatime, nosymfollow); or error ERRNO. A tmpfs mounted\n"
       "without size= or nr_inodes= has counts that depend on the machine's memory.",
       "init statfs /proc/self/ns/net => nsfs bsize=4096 blocks=0 bfree=0 bavail=0 files=0 ffree=0 namelen=255 frsize=4096 flags=valid",
       {form<statfs_op>({path("PATH")})}},
      // The synopsis shows the first form; the pid requests' form, FD REQ
      // TASK, is in the summary and the detail.
      {"ioctl", "ioctl FD REQ [as FD2]", "an nsfs ioctl (NS_GET_*); a pid request takes a TASK",
       "FD: an fd name of the task, or a raw fd number (-1, 99). REQ, and its result:\n"
       "  NS_GET_NSTYPE     the namespace's CLONE_NEW* type (0x40000000 for net)\n"
       "  NS_GET_USERNS     ok: an fd on the owning user namespace\n"
       "  NS_GET_PARENT     ok: an fd on the parent (pid and user namespaces)\n"
       "  NS_GET_OWNER_UID  uid N: the user namespace's owner\n"
       "  NS_GET_ID         idN: the namespace's 64-bit id, normalized\n"
       "  NS_GET_MNTNS_ID   idN: the same id, for a mount namespace only\n"
       "With `as FD2`, the fd NS_GET_USERNS or NS_GET_PARENT returns stays open as FD2;\n"
       "without, it is closed at once. FD a pid namespace, and a TASK after REQ:\n"
       "  NS_GET_PID_IN_PIDNS TASK    pid N: TASK's pid in FD's namespace (the ioctl\n"
       "                              gets TASK's pid in the line's task's namespace)\n"
       "  NS_GET_PID_FROM_PIDNS TASK  pid N: TASK's pid in the line's task's namespace\n"
       "                              (the ioctl gets TASK's pid in FD's namespace)\n"
       "  NS_GET_TGID_IN_PIDNS, NS_GET_TGID_FROM_PIDNS: the same (tasks are processes)\n"
       "A pid of the scenario's root pid namespace prints as its task's name.\n"
       "REQ may also be a raw request number (0x5451, 0): the ioctl gets argument 0;\n"
       "the result is ok for a return of 0, else the number returned (decimal).\n"
       "Errors: error ERRNO (ENOTTY for an fd that is not a namespace, EINVAL for one of\n"
       "another type, ESRCH when TASK has no pid in one of the two, EBADF).",
       "init ioctl n0 NS_GET_NSTYPE => 0x40000000",
       {form<ioctl_op>({fd_or_number("FD"), raw(choice("REQ", ns_requests, "unknown request"))},
                       {literal("as"), new_fd("FD2")}),
        form<ioctl_pid_op>({fd_or_number("FD"), choice("REQ", ns_pid_requests, "unknown request"),
                            task("TASK")})}},
      {"pidfd", "pidfd TASK as FD", "a pidfd of a task (pidfd_open); FD names it",
       "TASK: a live task. FD: a name for the new fd, as for open. pidfd_open of TASK's\n"
       "pid as the line's task sees it (flags 0; the kernel sets close-on-exec). A pidfd\n"
       "serves setns FD TYPE with a comma list of types.\n"
       "Result: ok, or error ERRNO (ESRCH when TASK is outside the task's pid namespace).",
       "t pidfd init as pi => ok",
       {form<pidfd_op>({task("TASK"), literal("as"), new_fd("FD")})}},
      {"hostname", "hostname [NAME]", "the UTS nodename: read (uname) or set (sethostname)",
       "Without NAME: the task's nodename (uname), one line; \"(none)\" in a new world.\n"
       "With NAME (one word; quoted, it may be empty or hold blanks): sethostname(NAME).\n"
       "Result: the name; or ok, or error ERRNO (EPERM without CAP_SYS_ADMIN in the uts\n"
       "namespace's owner, EINVAL for more than 64 bytes).",
       "init hostname => (none)",
       {form<hostname_op>({}, {text("NAME")})}},
      {"getpid", "getpid", "the task's pid in its own pid namespace",
       "No arguments. getpid(): the task's pid in the pid namespace it lives in.\n"
       "Result: pid NAME in the scenario's root pid namespace (whose pids print as task\n"
       "names everywhere: `init getpid` is pid init); pid N in a pid namespace the\n"
       "scenario made (after unshare pid, a spawned child is pid 1 there).",
       "init getpid => pid init",
       {form<getpid_op>({})}},
      {"caps", "caps drop CAP[,CAP...]", "drop capabilities from the task's sets",
       "CAP: a capability's name (CAP_SYS_ADMIN, CAP_SYS_CHROOT, ...), or a comma list.\n"
       "capset: the capabilities leave the task's effective, permitted and inheritable\n"
       "sets (the bounding set stays). Result: ok, or error ERRNO.",
       "t caps drop CAP_SYS_ADMIN => ok",
       {form<caps_drop_op>({literal("drop"), choice_set("CAP", cap_choices, "bad capability", "(CAP_SYS_ADMIN, ...)")})}},
      {"prctl", "prctl dumpable 0|1", "PR_SET_DUMPABLE",
       "prctl(PR_SET_DUMPABLE, 0 or 1): whether the task is dumpable, which decides who\n"
       "owns its /proc/PID files and who may inspect it (ptrace access).\n"
       "Result: ok, or error ERRNO.",
       "t prctl dumpable 1 => ok",
       {form<prctl_dumpable_op>({literal("dumpable"), choice("VALUE", dumpable_values, "bad value", "(0, 1)")})}},
      {"setuid", "setuid UID", "setresuid(UID, UID, UID)",
       "UID: a number. A non-zero uid loses every capability, as the kernel's\n"
       "capability rules for setresuid drop them.\n"
       "Result: ok, or error ERRNO (EPERM without CAP_SETUID; EINVAL for a uid the\n"
       "user namespace does not map).",
       "t setuid 1000 => ok",
       {form<setuid_op>({number("UID", "uid")})}},
      {"mkdir", "mkdir PATH", "make a directory",
       "PATH: an absolute path; scenarios make files only under /run. Mode 0755.\n"
       "Result: ok, or error ERRNO (EEXIST, ENOENT, EACCES, ...).",
       "init mkdir /run/d => ok",
       {form<mkdir_op>({path("PATH")})}},
      {"touch", "touch PATH", "make an empty file (or open an existing one)",
       "PATH: an absolute path; scenarios make files only under /run.\n"
       "Opens with O_WRONLY|O_CREAT (mode 0644) and closes. Result: ok, or error ERRNO.",
       "init touch /run/f => ok",
       {form<touch_op>({path("PATH")})}},
      {"rm", "rm PATH", "unlink a file",
       "PATH: an absolute path. An fd open on the file stays valid; its link in\n"
       "/proc/self/fd then reads \"PATH (deleted)\".\n"
       "Result: ok, or error ERRNO (ENOENT, EISDIR, EBUSY for a mount point, ...).",
       "init rm /run/f => ok",
       {form<rm_op>({path("PATH")})}},
      // The synopsis shows the first form; the others are in the summary
      // and the detail.
      {"mount", "mount --bind SRC DST",
       "bind mount (--bind, --rbind), move (--move), propagation (--make-...), new tmpfs or\n"
       "proc (-t)",
       "  mount --bind SRC DST          MS_BIND: SRC seen at DST (not what is mounted below SRC)\n"
       "  mount --rbind SRC DST         MS_BIND|MS_REC: with the mounts below SRC (not the\n"
       "                                unbindable ones)\n"
       "  mount --move SRC DST          MS_MOVE: the mount at SRC, and the mounts below it,\n"
       "                                go to DST\n"
       "  mount --make-shared PATH      MS_SHARED; also --make-slave, --make-private,\n"
       "                                --make-unbindable, and --make-rshared, --make-rslave,\n"
       "                                --make-rprivate, --make-runbindable (MS_REC: the\n"
       "                                whole tree below PATH)\n"
       "  mount -t tmpfs|proc NAME DST [-o OPTIONS]\n"
       "                                a new tmpfs, or a proc, on DST; NAME is its source;\n"
       "                                OPTIONS a comma list of mount(2)'s flags: rw, ro,\n"
       "                                nosuid, nodev, noexec, noatime, nodiratime,\n"
       "                                relatime, strictatime, sync, dirsync, lazytime,\n"
       "                                nosymfollow; KEY=VALUE words go to the file\n"
       "                                system as mount(2)'s data (tmpfs: size=, nr_blocks=,\n"
       "                                nr_inodes=, mode=, uid=, gid=, huge=; proc: hidepid=,\n"
       "                                gid=, subset=, pidns=; @NAME and %FD as in a PATH)\n"
       "  mount -o OPTIONS PATH         mount(2) with no source or type and exactly the flags\n"
       "                                of OPTIONS, which may also hold remount and bind:\n"
       "                                -o remount,bind,ro changes the mount at PATH alone,\n"
       "                                -o remount,ro its file system (every mount of it);\n"
       "                                KEY=VALUE words are the data (-o remount,hidepid=2)\n"
       "SRC, DST, PATH: absolute paths; DST must exist (a file for a namespace file, as\n"
       "ip netns add makes one). A bind mount of /proc/PID/ns/net keeps the namespace\n"
       "alive, as /run/netns/NAME does. `mounts PATH` shows the result.\n"
       "Result: ok, or error ERRNO (ENOENT, EPERM, EINVAL for an unbindable source, a\n"
       "PATH that is not a mount point, a mount namespace file bound in a namespace\n"
       "not older than it, ...).",
       "init mount --bind /proc/self/ns/net /run/netns/red => ok",
       {{{}, {literal("--bind"), path("SRC"), path("DST")}, {}, {}, &make_bind, 2},
        {{}, {choice("--rbind", rbind_words, "bad option"), path("SRC"), path("DST")}, {}, {},
         &make_rbind, 3},
        {{}, {choice("--move", move_words, "bad option"), path("SRC"), path("DST")}, {}, {},
         &make_move, 3},
        form<mount_propagation_op>({choice("--make-TYPE", propagation_words, "bad option"),
                                    path("PATH")}),
        {{},
         {choice("-t", dash_t, "bad option"),
          choice("FSTYPE", fs_types, "bad file system type", "(tmpfs, proc)"), text("NAME"),
          path("DST")},
         {literal("-o"), data_options(choice_set("OPTIONS", new_mount_options, "bad mount option",
                                    "(rw, ro, nosuid, nodev, noexec, noatime, nodiratime, "
                                    "relatime, strictatime, sync, dirsync, lazytime, nosymfollow, "
                                    "KEY=VALUE)"))},
         {},
         &make_mount_fs,
         5},
        {{},
         {choice("-o", dash_o, "bad option"),
          data_options(choice_set("OPTIONS", remount_options, "bad mount option",
                     "(remount, bind, rw, ro, nosuid, nodev, noexec, noatime, nodiratime, "
                     "relatime, strictatime, sync, dirsync, lazytime, nosymfollow, "
                     "KEY=VALUE)")),
          path("PATH")},
         {},
         {},
         &make_remount,
         3}}},
      {"mounts", "mounts PATH", "the task's mounts at and below PATH (mountinfo)",
       "PATH: an absolute path. The entries of the task's /proc/self/mountinfo whose\n"
       "mount point is PATH or below it, in the kernel's order (the order the mounts\n"
       "were made), one line each:\n"
       "  mN mP ROOT MOUNTPOINT [shared:gK] [master:gK] [propagate_from:gK] [unbindable] FSTYPE\n"
       "mN is the mount's id and mP its parent's, gK a peer group's id, each named in\n"
       "order of first appearance in the run; ROOT is what the mount shows of its file\n"
       "system (/ for a whole one, net:[nsN] for a namespace file).\n"
       "Result: the lines (nothing when no mount is there), or error ERRNO.",
       "init mounts /run => m1 m2 / /run tmpfs",
       {form<mounts_op>({path("PATH")})}},
      {"mtab", "mtab PATH", "the task's mounts at and below PATH (/proc/self/mounts)",
       "PATH: an absolute path. The lines of the task's /proc/self/mounts (the file\n"
       "/proc/mounts leads to) whose mount point is PATH or below it, in the kernel's\n"
       "order, as they are:\n"
       "  SOURCE MOUNTPOINT FSTYPE OPTIONS 0 0\n"
       "Result: the lines (nothing when no mount is there), or error ERRNO.",
       "init mtab /run/netns => nsfs /run/netns/red nsfs rw 0 0",
       {form<mtab_op>({path("PATH")})}},
      {"mountinfo", "mountinfo PATH", "the task's mounts at and below PATH, with options",
       "PATH: an absolute path. The entries of the task's /proc/self/mountinfo whose\n"
       "mount point is PATH or below it, as `mounts` shows them but with the options,\n"
       "one line each (the device number, the host's, left out):\n"
       "  mN mP ROOT MOUNTPOINT OPTIONS [shared:gK] [master:gK] [propagate_from:gK]\n"
       "  [unbindable] - FSTYPE SOURCE SUPER_OPTIONS\n"
       "OPTIONS are the mount's (rw or ro, then nosuid, nodev, noexec, noatime,\n"
       "nodiratime, relatime), SUPER_OPTIONS its file system's (rw or ro, sync,\n"
       "dirsync, lazytime, then the file system's own, tmpfs's mode=...).\n"
       "Result: the lines (nothing when no mount is there), or error ERRNO.",
       "init mountinfo /run => m1 m2 / /run rw,nosuid,nodev,relatime - tmpfs tmpfs rw,mode=755",
       {form<mountinfo_op>({path("PATH")})}},
      {"chroot", "chroot PATH", "the task's root becomes PATH (chroot(2))",
       "PATH: an absolute path, a directory. The task's paths then start there, \"..\"\n"
       "stops there, and /proc/PID/mountinfo shows only the mounts at or below it, with\n"
       "their paths from it (mount a proc inside to read it); /proc/PID/root reads PATH.\n"
       "setns to a mount namespace puts the root back at that namespace's root;\n"
       "unshare mnt keeps it (in the copy). A chrooted task cannot unshare user.\n"
       "Result: ok, or error ERRNO (ENOENT, ENOTDIR, EACCES without search permission,\n"
       "EPERM without CAP_SYS_CHROOT).",
       "init chroot /run => ok",
       {form<chroot_op>({path("PATH")})}},
      {"cd", "cd PATH", "the task's working directory becomes PATH (chdir(2))",
       "PATH: a path, a directory. Relative paths (./x, ../x, ., ..) start there.\n"
       "chroot does not move it (it may stay outside the new root, and \"..\" from\n"
       "there goes up to the mount namespace's root); unshare mnt moves it to the\n"
       "copy; setns to a mount namespace puts it at that namespace's root; spawn\n"
       "copies it. /proc/PID/cwd reads it.\n"
       "Result: ok, or error ERRNO (ENOENT, ENOTDIR, EACCES without search permission).",
       "init cd /run => ok",
       {form<chdir_op>({path("PATH")})}},
      {"pwd", "pwd", "the task's working directory (getcwd(2))",
       "No arguments. getcwd(2)'s text: the path from the task's root, or, when the\n"
       "working directory is outside it (left there by chroot), (unreachable) and its\n"
       "path from the mount namespace's root.\n"
       "Result: the path (normalized as by readlink), or error ENOENT once the\n"
       "directory has been removed.",
       "init pwd => /",
       {form<getcwd_op>({})}},
      {"umount", "umount PATH", "lazy unmount (MNT_DETACH)",
       "PATH: an absolute path, a mount point.\n"
       "Result: ok, or error ERRNO (EINVAL when PATH is not a mount point, EPERM).",
       "init umount /run/netns/red => ok",
       {form<umount_op>({path("PATH")})}},
      {"cat", "cat PATH", "a file's lines",
       "PATH: an absolute path (@TASK and %FD as for open).\n"
       "Result: the file's lines (namespace links in them normalized as by readlink),\n"
       "nothing for an empty file, or error ERRNO.",
       "init cat /run/f => hello",
       {form<cat_op>({path("PATH")})}},
      {"ls", "ls PATH", "a directory's names, sorted",
       "PATH: an absolute path (@TASK and %FD as for open).\n"
       "Result: the names, sorted, one per line, without . and ..; in /proc and\n"
       "/proc/PID/task the pids of tasks show as their names. Or error ERRNO\n"
       "(ENOTDIR, ENOENT, ...).",
       "init ls /run => netns",
       {form<ls_op>({path("PATH")})}},
      {"write", "write PATH TEXT [at N]", "write TEXT and a newline to a file",
       "PATH: an absolute path, opened O_WRONLY (not created). TEXT: one word, or a\n"
       "quoted one with blanks (\"0 0 1\"); \\n in it is a newline (\"a\\nb\" two lines).\n"
       "One write call of TEXT and a newline; with at N, at offset N (lseek to N first,\n"
       "as dd's seek=N: uid_map says EINVAL there, a sysctl ignores the write).\n"
       "Result: ok, or error ERRNO (EINVAL, EPERM, EACCES, ... as the file answers;\n"
       "ESPIPE from a file that cannot seek).",
       "init write /run/f hello => ok",
       {{{}, {path("PATH"), text("TEXT")}, {literal("at"), number("N", "number")}, {}, &make_write, 3}}},
      {"nl", "nl REQUEST [ARG...]", "RTM_NEWNSID / RTM_GETNSID: newnsid, getnsid, dumpnsid; raw bytes",
       "Each nl opens a NETLINK_ROUTE socket in the task's current netns (with\n"
       "NETLINK_EXT_ACK), sends one request and reads the whole reply.\n"
       "  nl newnsid [fd=FD] [pid=TASK] [nsid=N]              RTM_NEWNSID, NLM_F_ACK\n"
       "  nl getnsid [fd=FD] [pid=TASK] [nsid=N] [target=N]   RTM_GETNSID\n"
       "  nl dumpnsid [target=N] [strict]                     RTM_GETNSID, NLM_F_DUMP\n"
       "fd=FD names a namespace by an fd of the task, pid=TASK by a task (one that has\n"
       "exited: its last pid); nsid=N is the\n"
       "id asked for (NETNSA_NSID), target=N the netns the answer is about. The request\n"
       "carries exactly the attributes given, so requests the kernel rejects can be\n"
       "written too. strict sets NETLINK_GET_STRICT_CHK. echo sets NLM_F_ECHO on the\n"
       "request, capack NETLINK_CAP_ACK on the socket (each request takes both).\n"
       "Result: ok (newnsid); nsid N, or nsid N current-nsid M with target (getnsid);\n"
       "a line per entry in ascending nsid (dumpnsid); or error ERRNO \"extack\".\n"
       "  nl raw HEX   HEX (hex digits in pairs: 1400000012000103...) sent as it is, in one\n"
       "               sendto: one or more messages, nothing filled in (lengths, seq)\n"
       "Its result: a line per reply message, in order: ok (an ACK), error ERRNO \"extack\",\n"
       "nsid N [current-nsid M] (RTM_NEWNSID), or msg TYPE len N for any other (TYPE in\n"
       "decimal: msg 3 len 20 is a dump's NLMSG_DONE); nothing when no reply came; error\n"
       "ERRNO when sendto failed.",
       "init nl newnsid fd=n0 nsid=5 => ok",
       {request_form<nl_newnsid_op>("newnsid", {signed_number("nsid"), any_task("pid"), fd("fd"),
                                                flag("echo"), flag("capack")}),
        request_form<nl_getnsid_op>("getnsid", {signed_number("nsid"), any_task("pid"), fd("fd"),
                                                signed_number("target"), flag("echo"), flag("capack")}),
        request_form<nl_dumpnsid_op>("dumpnsid",
                                     {signed_number("target"), flag("strict"), flag("echo"), flag("capack")}),
        form_spec{"raw", {{arg_kind::hex_bytes, "HEX"}}, {}, {}, &make_nl_raw, 1}}},
      {"monitor", "monitor nsid", "listen to the nsid notifications (RTNLGRP_NSID)",
       "Subscribes a netlink socket of the task, in its current netns, to the nsid\n"
       "notifications (RTM_NEWNSID, RTM_DELNSID); `events` reads them. A second\n"
       "monitor keeps the first socket.\n"
       "Result: ok, or error ERRNO.",
       "init monitor nsid => ok",
       {form<monitor_op>({literal("nsid")})}},
      {"events", "events [N]", "notifications since the last events (waits 2 s for N)",
       "N: how many to wait for (0 when absent: take what is there). Reads what the\n"
       "task's monitor socket received since the last events, waiting up to 2 s for at\n"
       "least N. In the shell, Ctrl-C ends the wait early.\n"
       "Result: a line per notification, NEWNSID nsid N or DELNSID nsid N (error ENOBUFS\n"
       "when the socket overflowed); nothing without a monitor.",
       "init events 1 => NEWNSID nsid 5",
       {form<events_op>({}, {number("N", "count")})}},
      {"settle", "settle", "wait for pending namespace cleanup",
       "No arguments. Waits until every namespace that lost its last reference has\n"
       "been cleaned up (its exit methods ran, its nsids are gone from its peers).\n"
       "Result: ok.",
       "init settle => ok",
       {form<settle_op>({})}},
      {"ip", "ip ARGS...", "the real ip (iproute2), run in the task",
       "  ip [OPTIONS] netns add NAME | attach NAME TASK | delete NAME | list\n"
       "                  | list-id [target-nsid N] [nsid N] | set NAME N|auto\n"
       "                  | identify [TASK] | pids NAME | ...\n"
       "/usr/sbin/ip itself on both backends (on the model under netns exec), so any\n"
       "command and option. Where ip takes a pid, name a task; in the output of\n"
       "netns pids each pid is its task's name. Named namespaces live in /run/netns.\n"
       "Result: ip's standard output lines; its standard error lines as stderr: TEXT;\n"
       "exit N when its status is not 0.",
       "init ip netns add red =>",
       {form<ip_op>({program("ARGS")})}},
      {"exec", "exec PROGRAM [ARG...]", "a real program, run as a child of the task",
       "Runs PROGRAM, found on /usr/sbin:/usr/bin:/sbin:/bin, with a clean environment\n"
       "and standard input from /dev/null: on the linux backend on the kernel, on the\n"
       "model backend under netns exec in the task's model namespaces (its namespace\n"
       "calls, /proc/PID/ns/{net,user}, /run/netns and NETLINK_ROUTE sockets served by\n"
       "the model). A program that is not there exits 127.\n"
       "Result: its standard output lines (namespace numbers normalized); its standard\n"
       "error lines as stderr: TEXT; exit N when its status is not 0.",
       "init exec readlink /proc/self/ns/net => net:[ns1]",
       {form<exec_op>({program("PROGRAM")})}},
  };
  return table;
}

const command_spec* find_command(std::string_view verb) {
  for (const command_spec& c : command_table())
    if (c.verb == verb) return &c;
  return nullptr;
}

}  // namespace netns::tools
