{{/* Labels of one instance's objects; the first two select its pods. Call with (dict "root" $ "inst" .) */}}
{{- define "zones.selector" -}}
app.kubernetes.io/name: zones
app.kubernetes.io/instance: {{ .inst.name }}
{{- end }}

{{- define "zones.labels" -}}
{{ include "zones.selector" . }}
app.kubernetes.io/component: {{ .inst.service }}
app.kubernetes.io/part-of: {{ .root.Release.Name }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ .root.Chart.Name }}-{{ .root.Chart.Version }}
{{- end }}

{{/* The restricted Pod Security profile: pod level, then container level. */}}
{{- define "zones.podSecurity" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
seccompProfile: {type: RuntimeDefault}
{{- end }}

{{- define "zones.containerSecurity" -}}
runAsNonRoot: true
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities: {drop: [ALL]}
seccompProfile: {type: RuntimeDefault}
{{- end }}

{{/* Kafka connection settings (env entries); the SASL password only from its Secret. Call with $ */}}
{{- define "zones.kafkaEnv" -}}
{{- $k := .Values.kafka -}}
- {name: KAFKA_BOOTSTRAP_SERVERS, value: {{ .Values.env.KAFKA_BOOTSTRAP_SERVERS | quote }}}
- {name: ZONES_KAFKA_SECURITY_PROTOCOL, value: {{ $k.securityProtocol | quote }}}
{{- if $k.saslMechanism }}
- {name: ZONES_KAFKA_SASL_MECHANISM, value: {{ $k.saslMechanism | quote }}}
- {name: ZONES_KAFKA_SASL_USERNAME, value: {{ required "kafka.saslUsername is required with kafka.saslMechanism" $k.saslUsername | quote }}}
- name: ZONES_KAFKA_SASL_PASSWORD
  valueFrom: {secretKeyRef: {name: {{ required "kafka.saslPasswordSecret.name is required with kafka.saslMechanism" $k.saslPasswordSecret.name }}, key: {{ $k.saslPasswordSecret.key }}}}
{{- end }}
{{- if $k.tlsSecret }}
- {name: ZONES_KAFKA_SSL_CAFILE, value: /etc/zones/kafka-tls/ca.crt}
{{- if $k.clientCertificate }}
- {name: ZONES_KAFKA_SSL_CERTFILE, value: /etc/zones/kafka-tls/tls.crt}
- {name: ZONES_KAFKA_SSL_KEYFILE, value: /etc/zones/kafka-tls/tls.key}
{{- end }}
{{- end }}
{{- end }}

{{/* Volumes every pod has (/tmp writable, the root file system read-only) and their mounts. */}}
{{- define "zones.volumes" -}}
- {name: tmp, emptyDir: {sizeLimit: 64Mi}}
{{- if .Values.kafka.tlsSecret }}
- name: kafka-tls
  secret: {secretName: {{ .Values.kafka.tlsSecret }}, defaultMode: 0440}
{{- end }}
{{- end }}

{{- define "zones.mounts" -}}
- {name: tmp, mountPath: /tmp}
{{- if .Values.kafka.tlsSecret }}
- {name: kafka-tls, mountPath: /etc/zones/kafka-tls, readOnly: true}
{{- end }}
{{- end }}

{{/* Everything one instance's process reads: plain settings as values, credentials from Secrets. The
workbench (pages for people) reads only the token files and its own settings: no database, key, trust
bundle or Kafka. */}}
{{- define "zones.env" -}}
{{- $root := .root }}{{- $inst := .inst -}}
{{- $pages := eq $inst.service "workbench" -}}
- {name: ZONES_SERVICE, value: {{ $inst.service | quote }}}
- {name: ZONES_JURISDICTION, value: {{ $inst.jurisdiction | quote }}}
{{- if not $pages }}
- name: DATABASE_URL
  valueFrom: {secretKeyRef: {name: {{ $inst.databaseSecret }}, key: DATABASE_URL}}
{{- end }}
- {name: ZONES_TOKEN_ISSUERS, value: /etc/zones/tokens/issuers.toml}
- {name: ZONES_TOKEN_REVOCATIONS, value: /etc/zones/tokens/revoked.toml}
- {name: ZONES_TOKEN_AUDIENCE, value: "{{ $inst.service }}-{{ $inst.jurisdiction }}"}
{{- if not $pages }}
- {name: ZONES_SIGNING_KEY_FILE, value: "/etc/zones/keys/{{ $inst.signingKeyId }}.key"}
- {name: ZONES_SIGNING_KEY_ID, value: {{ $inst.signingKeyId | quote }}}
- {name: ZONES_TRUST_BUNDLE, value: /etc/zones/trust/bundle.json}
- {name: ZONES_TRUST_ANCHOR, value: /etc/zones/trust/anchor.json}
- {name: ZONES_MIGRATE_ON_START, value: {{ not $root.Values.migrations.job | quote }}}
{{ include "zones.kafkaEnv" $root }}
{{- end }}
{{- range $k, $v := $root.Values.env }}
{{- if not (or (hasPrefix "KAFKA_" $k) (and $pages (hasPrefix "ZONES_KAFKA_" $k))) }}
- {name: {{ $k }}, value: {{ $v | quote }}}
{{- end }}
{{- end }}
{{- range $k, $v := $inst.env }}
- {name: {{ $k }}, value: {{ $v | quote }}}
{{- end }}
{{- range $k, $ref := $inst.secretEnv }}
- name: {{ $k }}
  valueFrom: {secretKeyRef: {name: {{ $ref.name }}, key: {{ $ref.key }}}}
{{- end }}
{{- end }}
