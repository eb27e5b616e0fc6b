#ifndef DCS_CRDKAFKA_SHIM_H
#define DCS_CRDKAFKA_SHIM_H
// The only C surface of the project: librdkafka's client API and its mock cluster,
// which is the embedded Kafka-protocol broker used by the demo and the tests.
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#endif
