/* The kernel backstop's probes (tests/backstop/run.sh): programs the extension cannot see.
 *
 *   probe tcp|udp ADDR PORT      one TCP connect (or one UDP datagram) with plain syscalls
 *   probe uring ADDR PORT        one TCP connect submitted through io_uring (liburing)
 *   probe loop N ADDR PORT       N TCP connects one after another; prints the ns per connect
 *
 * Prints "connected" / "sent" or "error ENAME" and exits 0 / 1 (2: the probe itself failed).
 * Built twice: dynamically (with liburing, for uring) and with -static (tcp, udp, loop),
 * the statically linked program no in-process guard can reach.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#ifdef WITH_URING
#include <liburing.h>
#endif

static socklen_t target(const char *addr, const char *port, struct sockaddr_storage *ss) {
    memset(ss, 0, sizeof *ss);
    struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
    if (inet_pton(AF_INET, addr, &a4->sin_addr) == 1) {
        a4->sin_family = AF_INET;
        a4->sin_port = htons((unsigned short)atoi(port));
        return sizeof *a4;
    }
    if (inet_pton(AF_INET6, addr, &a6->sin6_addr) == 1) {
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((unsigned short)atoi(port));
        return sizeof *a6;
    }
    fprintf(stderr, "probe: bad address %s\n", addr);
    exit(2);
}

static int report(int err, const char *ok) {
    if (err == 0) {
        printf("%s\n", ok);
        return 0;
    }
    printf("error %s\n", strerrorname_np(err));
    return 1;
}

int main(int argc, char **argv) {
    struct sockaddr_storage ss;
    if (argc == 4 && (!strcmp(argv[1], "tcp") || !strcmp(argv[1], "udp"))) {
        socklen_t len = target(argv[2], argv[3], &ss);
        int udp = !strcmp(argv[1], "udp");
        int fd = socket(ss.ss_family, udp ? SOCK_DGRAM : SOCK_STREAM, 0);
        if (fd < 0) return report(errno, "");
        int r = udp ? (int)sendto(fd, "probe\n", 6, 0, (struct sockaddr *)&ss, len) : connect(fd, (struct sockaddr *)&ss, len);
        int rc = report(r < 0 ? errno : 0, udp ? "sent" : "connected");
        if (udp && r >= 0) usleep(100000); /* let the reply come back before closing */
        close(fd);
        return rc;
    }
    if (argc == 5 && !strcmp(argv[1], "loop")) {
        int n = atoi(argv[2]);
        socklen_t len = target(argv[3], argv[4], &ss);
        struct timespec t0, t1;
        int refused = 0;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        for (int i = 0; i < n; i++) {
            int fd = socket(ss.ss_family, SOCK_STREAM, 0);
            if (connect(fd, (struct sockaddr *)&ss, len) < 0 && errno == ECONNREFUSED) refused++;
            close(fd);
        }
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double ns = (t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec);
        printf("%.0f ns per connect (%d of %d refused by the port)\n", ns / n, refused, n);
        return 0;
    }
#ifdef WITH_URING
    if (argc == 4 && !strcmp(argv[1], "uring")) {
        struct io_uring ring;
        int r = io_uring_queue_init(4, &ring, 0);
        if (r < 0) {
            printf("probe: io_uring_queue_init: %s\n", strerror(-r));
            return 2;
        }
        socklen_t len = target(argv[2], argv[3], &ss);
        int fd = socket(ss.ss_family, SOCK_STREAM, 0);
        struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);
        io_uring_prep_connect(sqe, fd, (struct sockaddr *)&ss, len);
        io_uring_submit(&ring);
        struct io_uring_cqe *cqe;
        r = io_uring_wait_cqe(&ring, &cqe);
        if (r < 0) return report(-r, "");
        int res = cqe->res;
        io_uring_cqe_seen(&ring, cqe);
        io_uring_queue_exit(&ring);
        close(fd);
        return report(res < 0 ? -res : 0, "connected");
    }
#endif
    fprintf(stderr, "usage: probe tcp|udp|uring ADDR PORT | probe loop N ADDR PORT\n");
    return 2;
}
