// The option names of a Qpid/WSO2 connection URL. Options the Qpid client knows but that mean
// nothing for MQTT are listed so they are reported and skipped; any other name is a typo worth
// an error.

export const NUMERIC_OPTIONS = ['retries', 'connectdelay', 'connecttimeout'] as const;
export type NumericOption = (typeof NUMERIC_OPTIONS)[number];

export const URL_OPTIONS = ['brokerlist', 'failover', 'cyclecount', 'ssl', ...NUMERIC_OPTIONS];
export const URL_IGNORED = [
  'maxprefetch',
  'sync_persistence',
  'sync_ack',
  'sync_publish',
  'use_legacy_map_msg_format',
  'use_legacy_stream_msg_format',
  'rejectbehaviour',
  'closeWhenNoRoute',
  'defaultTopicExchange',
  'defaultQueueExchange',
  'temporaryTopicExchange',
  'temporaryQueueExchange',
  'verifyQueueOnSend',
];
export const BROKER_OPTIONS = ['ssl', ...NUMERIC_OPTIONS];
export const TLS_OPTIONS = [
  'trust_store',
  'trust_store_password',
  'key_store',
  'key_store_password',
  'ssl_verify_hostname',
  'ssl_cert_alias',
  'client_cert_path',
  'client_cert_priv_key_path',
  'client_cert_intermediary_cert_path',
  'trusted_certs_path',
];
export const BROKER_IGNORED = [
  'heartbeat',
  'idle_timeout',
  'tcp_nodelay',
  'sasl_mechs',
  'sasl_encryption',
  'sasl_protocol',
  'sasl_server',
  'encryption_trust_store',
  'encryption_trust_store_password',
  'encryption_remote_trust_store',
  'encryption_key_store',
  'encryption_key_store_password',
  ...TLS_OPTIONS,
];
export const FAILOVER_METHODS = ['roundrobin', 'singlebroker', 'nofailover', 'failover_exchange'];
