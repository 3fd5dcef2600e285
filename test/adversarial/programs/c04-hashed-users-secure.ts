// class: 4 authentication on Kubernetes (secure look-alike)
// expect: allow
// why: default off, one enabled user with a SHA-256 hash from a Secret: every client must authenticate.
import { PASSWORD_HASH, secureRedis, usersAcl } from "../lib/k8s";

secureRedis("sessions", { acl: usersAcl("user reports on " + PASSWORD_HASH + " ~reports:* -@all +@read -@dangerous") });
