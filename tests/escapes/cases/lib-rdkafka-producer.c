// target: tcp 10.0.0.5 9092
// needs: rdkafka
// librdkafka's producer: its broker threads (C11 thrd_create) connect to the bootstrap server.
#include "common.h"
#include <librdkafka/rdkafka.h>
int run(void)
{
    char err[256];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "bootstrap.servers", "10.0.0.5:9092", err, sizeof err);
    rd_kafka_conf_set(conf, "socket.timeout.ms", "1000", err, sizeof err);
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
    if (!rk) return 90;
    /* Give the broker thread time to connect, then stop it. */
    for (int i = 0; i < 15; i++) { rd_kafka_poll(rk, 100); }
    rd_kafka_destroy(rk);
    return 0;
}
