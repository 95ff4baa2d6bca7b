{{/*
The services of this release: one per Chart.yaml dependency whose values say enabled (the default).
Returns a dict name -> that service's values (generated "app" keys plus this chart's platform keys).
*/}}
{{- define "shelfsync.services" -}}
{{- $services := dict -}}
{{- range .Chart.Dependencies -}}
{{- $svc := index $.Values .Name | default dict -}}
{{- if ne (toString $svc.enabled) "false" -}}
{{- $_ := set $services .Name $svc -}}
{{- end -}}
{{- end -}}
{{- toJson $services -}}
{{- end -}}

{{/* Labels this chart adds to what it renders itself. */}}
{{- define "shelfsync.labels" -}}
app.kubernetes.io/part-of: shelfsync
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 }}
{{- end -}}

{{/* The container port of a service (the generated chart's app.ports.http). */}}
{{- define "shelfsync.httpPort" -}}
{{- $app := .app | default dict -}}
{{- $ports := $app.ports | default dict -}}
{{- required (printf "%s: app.ports.http is not set" .name) $ports.http -}}
{{- end -}}
