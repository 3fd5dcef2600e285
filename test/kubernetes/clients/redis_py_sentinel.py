"""The README's redis-py example, run against the sentinels: find the primary over TLS with the
user's credentials, write and read a key through it, and print what it found as JSON.
The credentials come from the environment, as a pod would take them from the user's Secret."""
import json
import os

from redis.sentinel import Sentinel

sentinel_hosts = [(host, int(port)) for host, port in (address.split(":") for address in os.environ["SENTINELS"].split(","))]
master_name = os.environ["MASTER_NAME"]
username, password, ca = os.environ["REDIS_USERNAME"], os.environ["REDIS_PASSWORD"], os.environ["CA_FILE"]
tls = {"ssl": True, "ssl_ca_certs": ca}

sentinel = Sentinel(sentinel_hosts, username=username, password=password, **tls,
                    sentinel_kwargs={**tls, "username": username, "password": password})
primary = sentinel.master_for(master_name, username=username, password=password, **tls)
primary.set("redis-py:probe", "written through Sentinel")
print(json.dumps({
    "primary": list(sentinel.discover_master(master_name)),
    "replicas": sorted(list(replica) for replica in sentinel.discover_slaves(master_name)),
    "value": primary.get("redis-py:probe").decode(),
}))
