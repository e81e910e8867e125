// target: tcp 10.0.0.5 9092
// needs: rdkafka
// librdkafka's consumer with a bootstrap name (private.test), asking for metadata.
#include "common.h"
#include <librdkafka/rdkafka.h>
int run(void)
{
    char err[256];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "bootstrap.servers", "private.test:9092", err, sizeof err);
    rd_kafka_conf_set(conf, "group.id", "escapes", err, sizeof err);
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
    if (!rk) return 90;
    const struct rd_kafka_metadata *md;
    rd_kafka_metadata(rk, 1, NULL, &md, 1500);
    rd_kafka_destroy(rk);
    return 0;
}
