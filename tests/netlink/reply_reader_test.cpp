// SPDX-License-Identifier: GPL-2.0-only
// The netlink reply reader: what ends the reply to a dump, an ACKed
// request and a plain one; errors with and without extack (NLMSG_ERROR and
// a failed dump's NLMSG_DONE); and what it refuses: a message cut short, a
// sequence number or port of another exchange, an interrupted dump.
#include "netns/netlink/reply_reader.hpp"

#include <gtest/gtest.h>
#include <linux/net_namespace.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstdint>
#include <span>
#include <vector>

#include "netns/netlink/wire.hpp"

namespace netns::netlink {
namespace {

using bytes = std::vector<std::uint8_t>;

constexpr std::uint32_t seq = 7;

bytes request(std::uint16_t flags) {
  nl_builder b;
  b.put_header(RTM_GETNSID, NLM_F_REQUEST | flags, seq, 0);
  b.put_rtgenmsg(AF_UNSPEC);
  return b.finish();
}

// An RTM_NEWNSID with NETNSA_NSID `nsid`, appended to `b`.
void put_nsid(nl_builder& b, int nsid, std::uint16_t flags = 0, std::uint32_t s = seq,
              std::uint32_t portid = 0) {
  b.put_header(RTM_NEWNSID, flags, s, portid);
  b.put_rtgenmsg(AF_UNSPEC);
  b.put_s32(NETNSA_NSID, nsid);
}

// NLMSG_ERROR (or NLMSG_DONE with only the errno) as the kernel's
// netlink_ack writes it: the errno, the request's header (capped), then
// the extack message when there is one.
void put_error(nl_builder& b, std::uint16_t type, int error, const char* extack = nullptr) {
  std::uint16_t flags = NLM_F_CAPPED;
  if (extack) flags |= NLM_F_ACK_TLVS;
  b.put_header(type, type == NLMSG_DONE ? NLM_F_MULTI : flags, seq, 0);
  if (type == NLMSG_ERROR) {
    nlmsgerr e{};
    e.error = error;
    e.msg.nlmsg_len = NLMSG_LENGTH(sizeof(rtgenmsg));
    e.msg.nlmsg_type = RTM_GETNSID;
    e.msg.nlmsg_seq = seq;
    b.put_bytes(&e, sizeof e);
  } else {
    b.put_bytes(&error, sizeof error);
    if (extack) b.current()->nlmsg_flags |= NLM_F_ACK_TLVS;
  }
  if (extack) b.put_strz(NLMSGERR_ATTR_MSG, extack);
}

// What one reply came to: its state after each datagram, and the nsids of
// the data messages the callback saw.
struct fed {
  std::vector<walk> states;
  std::vector<int> nsids;
};

fed feed_all(reply_reader& r, const std::vector<bytes>& datagrams) {
  fed out;
  for (const bytes& d : datagrams)
    out.states.push_back(r.feed(d, [&](const nlmsghdr* h) {
      out.nsids.push_back(message_s32(h, sizeof(rtgenmsg), NETNSA_NSID).value_or(-1));
      return true;
    }));
  return out;
}

TEST(ReplyReader, AMultiPartDumpEndsAtDone) {
  nl_builder part1, part2;
  put_nsid(part1, 0, NLM_F_MULTI);
  put_nsid(part1, 1, NLM_F_MULTI);
  put_nsid(part2, 2, NLM_F_MULTI);
  put_error(part2, NLMSG_DONE, 0);
  reply_reader r(request(NLM_F_DUMP));
  fed f = feed_all(r, {part1.finish(), part2.finish()});
  EXPECT_EQ(f.states, (std::vector<walk>{walk::more, walk::done}));
  EXPECT_EQ(f.nsids, (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(r.end().type, NLMSG_DONE);
  EXPECT_EQ(r.end().code, errc{0});
  EXPECT_FALSE(r.acked());
  // Done is final: a late datagram is not read.
  nl_builder late;
  put_nsid(late, 3);
  EXPECT_EQ(feed_all(r, {late.finish()}).nsids, std::vector<int>{});
}

TEST(ReplyReader, ADoneInADatagramOfItsOwn) {
  nl_builder part, done;
  put_nsid(part, 4, NLM_F_MULTI);
  put_error(done, NLMSG_DONE, 0);
  reply_reader r(request(NLM_F_DUMP));
  fed f = feed_all(r, {part.finish(), done.finish()});
  EXPECT_EQ(f.states, (std::vector<walk>{walk::more, walk::done}));
  EXPECT_EQ(f.nsids, std::vector<int>{4});
}

TEST(ReplyReader, AnAckEndsARequestThatAskedForIt) {
  nl_builder ack;
  put_error(ack, NLMSG_ERROR, 0);
  reply_reader r(request(NLM_F_ACK));
  EXPECT_EQ(feed_all(r, {ack.finish()}).states, std::vector<walk>{walk::done});
  EXPECT_TRUE(r.acked());
  EXPECT_EQ(r.end().code, errc{0});
  EXPECT_EQ(r.end().extack, "");
}

TEST(ReplyReader, WithAnAckAnAnswerDoesNotEndTheReply) {
  nl_builder answer, ack;
  put_nsid(answer, 5);
  put_error(ack, NLMSG_ERROR, 0);
  reply_reader r(request(NLM_F_ACK));
  fed f = feed_all(r, {answer.finish(), ack.finish()});
  EXPECT_EQ(f.states, (std::vector<walk>{walk::more, walk::done}));
  EXPECT_EQ(f.nsids, std::vector<int>{5});
  EXPECT_TRUE(r.acked());
}

TEST(ReplyReader, APlainRequestHasOneAnswer) {
  nl_builder d;
  put_nsid(d, 6);
  put_nsid(d, 7);  // not the kernel's: a plain request is answered once
  reply_reader r(request(0));
  fed f = feed_all(r, {d.finish()});
  EXPECT_EQ(f.states, std::vector<walk>{walk::done});
  EXPECT_EQ(f.nsids, std::vector<int>{6});
  EXPECT_EQ(r.end().type, RTM_NEWNSID);
  EXPECT_FALSE(r.acked());
}

TEST(ReplyReader, AnErrorCarriesItsErrnoAndExtack) {
  nl_builder e;
  put_error(e, NLMSG_ERROR, -EEXIST, "Peer netns already has a nsid assigned");
  reply_reader r(request(NLM_F_ACK));
  EXPECT_EQ(feed_all(r, {e.finish()}).states, std::vector<walk>{walk::failed});
  EXPECT_EQ(r.end().type, NLMSG_ERROR);
  EXPECT_EQ(r.end().code, errc{EEXIST});
  EXPECT_EQ(r.end().extack, "Peer netns already has a nsid assigned");
  EXPECT_FALSE(r.acked());
}

TEST(ReplyReader, AnErrorWithoutExtackAnswersAPlainRequest) {
  nl_builder e;
  put_error(e, NLMSG_ERROR, -ENOENT);
  reply_reader r(request(0));
  EXPECT_EQ(feed_all(r, {e.finish()}).states, std::vector<walk>{walk::failed});
  EXPECT_EQ(r.end().code, errc{ENOENT});
  EXPECT_EQ(r.end().extack, "");
}

// The kernel ends a dump that failed with NLMSG_DONE carrying the errno
// (netlink_dump_done), after the parts it made.
TEST(ReplyReader, AFailedDumpEndsWithItsErrnoInDone) {
  nl_builder d;
  put_nsid(d, 1, NLM_F_MULTI);
  put_error(d, NLMSG_DONE, -EINVAL, "Invalid target network namespace id");
  reply_reader r(request(NLM_F_DUMP));
  fed f = feed_all(r, {d.finish()});
  EXPECT_EQ(f.states, std::vector<walk>{walk::failed});
  EXPECT_EQ(f.nsids, std::vector<int>{1});
  EXPECT_EQ(r.end().type, NLMSG_DONE);
  EXPECT_EQ(r.end().code, errc{EINVAL});
  EXPECT_EQ(r.end().extack, "Invalid target network namespace id");
}

TEST(ReplyReader, AMessageCutShortFailsTheReply) {
  nl_builder d;
  put_nsid(d, 1, NLM_F_MULTI);
  put_nsid(d, 2, NLM_F_MULTI);
  bytes cut = d.finish();
  cut.resize(cut.size() - 4);  // the second message's attribute is not all there
  reply_reader r(request(NLM_F_DUMP));
  fed f = feed_all(r, {cut});
  EXPECT_EQ(f.states, std::vector<walk>{walk::failed});
  EXPECT_EQ(f.nsids, std::vector<int>{1});
  EXPECT_EQ(r.end().code, errc{EBADMSG});
  EXPECT_EQ(r.end().type, 0);

  // Fewer bytes than a header, after a whole message.
  nl_builder e;
  put_nsid(e, 3, NLM_F_MULTI);
  bytes tail = e.finish();
  tail.insert(tail.end(), 8, 0);
  reply_reader r2(request(NLM_F_DUMP));
  EXPECT_EQ(feed_all(r2, {tail}).states, std::vector<walk>{walk::failed});
  EXPECT_EQ(r2.end().code, errc{EBADMSG});
}

TEST(ReplyReader, AnErrorTooShortForItsStructIsABadMessage) {
  nl_builder e;
  e.put_header(NLMSG_ERROR, 0, seq, 0);
  const std::int32_t error = 0;
  e.put_bytes(&error, sizeof error);  // no echoed header: mnl_cb_error's EBADMSG
  reply_reader r(request(NLM_F_ACK));
  EXPECT_EQ(feed_all(r, {e.finish()}).states, std::vector<walk>{walk::failed});
  EXPECT_EQ(r.end().code, errc{EBADMSG});
}

TEST(ReplyReader, AnotherSequenceNumberIsRefused) {
  nl_builder d;
  put_nsid(d, 1, NLM_F_MULTI, seq + 1);
  reply_reader r(request(NLM_F_DUMP));
  fed f = feed_all(r, {d.finish()});
  EXPECT_EQ(f.states, std::vector<walk>{walk::failed});
  EXPECT_EQ(f.nsids, std::vector<int>{});
  EXPECT_EQ(r.end().code, errc{EPROTO});
  EXPECT_EQ(r.end().type, RTM_NEWNSID);

  // Sequence number 0 on either side is not checked (mnl_nlmsg_seq_ok).
  nl_builder zero;
  put_nsid(zero, 2, NLM_F_MULTI, 0);
  reply_reader r2(request(NLM_F_DUMP));
  EXPECT_EQ(feed_all(r2, {zero.finish()}).states, std::vector<walk>{walk::more});
}

TEST(ReplyReader, AnotherPortIsRefusedWhenThePortIsKnown) {
  nl_builder d;
  put_nsid(d, 1, 0, seq, 4242);
  const bytes datagram = d.finish();
  reply_reader mine(request(0), 4242);
  EXPECT_EQ(feed_all(mine, {datagram}).states, std::vector<walk>{walk::done});
  reply_reader other(request(0), 99);
  EXPECT_EQ(feed_all(other, {datagram}).states, std::vector<walk>{walk::failed});
  EXPECT_EQ(other.end().code, errc{ESRCH});
  reply_reader unknown(request(0));  // port 0: not checked
  EXPECT_EQ(feed_all(unknown, {datagram}).states, std::vector<walk>{walk::done});
}

TEST(ReplyReader, AnInterruptedDumpFails) {
  nl_builder d;
  put_nsid(d, 1, NLM_F_MULTI | NLM_F_DUMP_INTR);
  reply_reader r(request(NLM_F_DUMP));
  EXPECT_EQ(feed_all(r, {d.finish()}).states, std::vector<walk>{walk::failed});
  EXPECT_EQ(r.end().code, errc{EINTR});
}

// cb_run alone walks notifications: every data message, NOOP passed
// over, until a callback says stop.
TEST(CbRun, WalksEveryMessageUntilTheCallbackStops) {
  nl_builder d;
  put_nsid(d, 1, 0, 0);
  d.put_header(NLMSG_NOOP, 0, 0, 0);
  put_nsid(d, 2, 0, 0);
  put_nsid(d, 3, 0, 0);
  const bytes datagram = d.finish();
  std::vector<int> seen;
  auto collect = [&](const nlmsghdr* h) {
    seen.push_back(message_s32(h, sizeof(rtgenmsg), NETNSA_NSID).value_or(-1));
    return true;
  };
  EXPECT_EQ(cb_run(datagram, 0, 0, collect), walk::more);
  EXPECT_EQ(seen, (std::vector<int>{1, 2, 3}));
  seen.clear();
  walk_end end;
  auto until_two = [&](const nlmsghdr* h) { return collect(h) && seen.back() != 2; };
  EXPECT_EQ(cb_run(datagram, 0, 0, until_two, &end), walk::done);
  EXPECT_EQ(seen, (std::vector<int>{1, 2}));
  EXPECT_EQ(end.type, RTM_NEWNSID);
  EXPECT_EQ(cb_run({}, 0, 0, collect), walk::more);  // an empty datagram: nothing yet
}

}  // namespace
}  // namespace netns::netlink
