// class: 8 resources the pack never opens
// expect: deny k8s-redis-*
// resource: manifests redis manifests:cache/redis
// why: a whole Redis Deployment in inline YAML: root, no NetworkPolicy, no TLS, protected mode off.
import * as k8s from "@pulumi/kubernetes";

new k8s.yaml.v2.ConfigGroup("manifests", {
    yaml: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: redis
  namespace: cache
spec:
  selector:
    matchLabels: { app: redis }
  template:
    metadata:
      labels: { app: redis }
    spec:
      containers:
        - name: redis
          image: redis:7.2.11
          args: ["--protected-mode", "no"]
`,
});
