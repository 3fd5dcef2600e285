// class: 8 resources the pack never opens
// expect: deny k8s-redis-service-exposed
// resource: manifests sessions-public manifests:cache/sessions-public
// why: an inline YAML manifest in a ConfigGroup publishes the Redis pods through a LoadBalancer.
import * as k8s from "@pulumi/kubernetes";
import { secureRedis } from "../lib/k8s";

secureRedis("sessions");
new k8s.yaml.v2.ConfigGroup("manifests", {
    yaml: `
apiVersion: v1
kind: Service
metadata:
  name: sessions-public
  namespace: cache
spec:
  type: LoadBalancer
  selector:
    app.kubernetes.io/name: redis
    app.kubernetes.io/instance: sessions
  ports:
    - port: 6379
      targetPort: 6379
`,
});
