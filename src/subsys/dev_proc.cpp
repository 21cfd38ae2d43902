// SPDX-License-Identifier: GPL-2.0-only
// dev_proc_ops: /proc/net/dev (net/core/net-procfs.c).
#include <cstring>

#include "netns/core/kernel.hpp"
#include "netns/core/net_device.hpp"
#include "netns/core/proc_fs.hpp"
#include "netns/subsys/builtin.hpp"

namespace netns {

namespace {

// What show() prints of one device, copied under RTNL so that no lock is
// held between start() and stop().
struct dev_row {
  char name[IFNAMSIZ];
  net_device_stats stats;
};

// Records are keyed by ifindex: *pos is the ifindex of the device shown, 0
// the header. A read that resumes later continues after the last device
// shown even if devices came or went meanwhile (dev_seq_from_index).
void* dev_seq_from_index(seq_file& m, std::int64_t* pos) {
  net& n = m.net_ns();
  auto* row = static_cast<dev_row*>(m.private_data());
  lock_guard rtnl(n.owner_kernel().rtnl());
  if (*pos > INT32_MAX) return nullptr;
  net_device* dev = dev_get_by_index_from(n, static_cast<int>(*pos));
  if (!dev) return nullptr;
  *pos = dev->ifindex;
  std::memset(row->name, 0, sizeof row->name);
  std::memcpy(row->name, dev->name.data(), std::min(dev->name.size(), sizeof row->name - 1));
  row->stats = dev->stats();
  return row;
}

void* dev_seq_start(seq_file& m, std::int64_t* pos) {
  if (*pos == 0) return SEQ_START_TOKEN;
  return dev_seq_from_index(m, pos);
}

void* dev_seq_next(seq_file& m, void*, std::int64_t* pos) {
  ++*pos;
  return dev_seq_from_index(m, pos);
}

void dev_seq_stop(seq_file&, void*) {}

int dev_seq_show(seq_file& m, void* v) {
  if (v == SEQ_START_TOKEN) {
    m.puts(
        "Inter-|   Receive                                                |  Transmit\n"
        " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs "
        "drop fifo colls carrier compressed\n");
    return 0;
  }
  const auto& r = *static_cast<const dev_row*>(v);
  const net_device_stats& s = r.stats;
  m.printf("{:>6}: {:>7} {:>7} {:>4} {:>4} {:>4} {:>5} {:>10} {:>9} {:>8} {:>7} {:>4} {:>4} {:>4} {:>5} "
           "{:>7} {:>10}\n",
           r.name, s.rx_bytes, s.rx_packets, s.rx_errors, s.rx_dropped, s.rx_fifo_errors,
           s.rx_frame_errors, s.rx_compressed, s.multicast, s.tx_bytes, s.tx_packets, s.tx_errors,
           s.tx_dropped, s.tx_fifo_errors, s.collisions, s.tx_carrier_errors, s.tx_compressed);
  return 0;
}

const seq_operations dev_seq_ops{dev_seq_start, dev_seq_stop, dev_seq_next, dev_seq_show};

}  // namespace

pernet_operations& dev_proc_ops() {
  static const proc_net_file files[] = {
      {.name = "dev", .mode = 0444, .seq_ops = &dev_seq_ops, .state_size = sizeof(dev_row)},
  };
  static pernet_operations ops{
      .name = "dev_proc",
      .proc_files = files,
      .proc_files_count = std::size(files),
  };
  return ops;
}

}  // namespace netns
