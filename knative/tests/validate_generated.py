#!/usr/bin/python3
"""Checks what `kfn knative` wrote: every object against the vendored CRD schemas (knative/schemas),
plus the rules no schema carries (annotation placement, scale bounds, timeouts, references between
objects, topics from manifests/topics.yaml, no secret values).

usage: validate_generated.py OUT_DIR TOPICS_YAML SCHEMA_DIR [--max-timeout N]
       validate_generated.py --self-test OUT_DIR TOPICS_YAML SCHEMA_DIR
Exits 1 and prints one line per problem when anything is wrong. Needs Debian's python3-yaml and
python3-jsonschema (run it with /usr/bin/python3).
"""
import copy
import pathlib
import re
import sys

import jsonschema
import yaml

DNS_LABEL = re.compile(r"^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$")
DNS_SUBDOMAIN = re.compile(r"^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$")
ISO_DURATION = re.compile(r"^PT(\d+(\.\d+)?S)$")
SECRET_ENV = {"MYSQL_URL", "REDIS_URL", "KFN_JWT_SECRET"}
SSE_HEARTBEAT_SECONDS = 15
AUTOSCALING = "autoscaling.knative.dev/"


def strict(schema):
    """Kubernetes prunes unknown fields silently; here they are errors, so a misplaced field shows."""
    if isinstance(schema, dict):
        if schema.get("x-kubernetes-int-or-string"):
            schema = {k: v for k, v in schema.items() if k != "type"}
            schema["anyOf"] = [{"type": "integer"}, {"type": "string"}]
        out = {k: strict(v) for k, v in schema.items()}
        if ("properties" in out and "additionalProperties" not in out
                and not out.get("x-kubernetes-preserve-unknown-fields")):
            out["additionalProperties"] = False
        return out
    if isinstance(schema, list):
        return [strict(item) for item in schema]
    return schema


def load_crd_schemas(schema_dir):
    schemas = {}
    for path in sorted(pathlib.Path(schema_dir).glob("*.yaml")):
        for crd in yaml.safe_load_all(path.read_text()):
            if not crd or crd.get("kind") != "CustomResourceDefinition":
                continue
            group, kind = crd["spec"]["group"], crd["spec"]["names"]["kind"]
            for version in crd["spec"]["versions"]:
                schemas[(f"{group}/{version['name']}", kind)] = strict(version["schema"]["openAPIV3Schema"])
    return schemas


def load_objects(out_dir):
    objects = []
    for path in sorted(pathlib.Path(out_dir).glob("*.yaml")):  # templates/ is not applied
        for obj in yaml.safe_load_all(path.read_text()):
            if obj:
                objects.append((path.name, obj))
    return objects


def annotations_of(obj):
    return obj.get("spec", {}).get("template", {}).get("metadata", {}).get("annotations", {})


def check_service(where, obj, max_timeout, problems):
    meta_annotations = obj["metadata"].get("annotations", {})
    for key in meta_annotations:
        if key.startswith(AUTOSCALING):
            problems.append(f"{where}: {key} belongs under spec.template.metadata.annotations")
    annotations = annotations_of(obj)
    for key, value in annotations.items():
        if not isinstance(value, str):
            problems.append(f"{where}: annotation {key} must be a string")
    try:
        low = int(annotations.get(AUTOSCALING + "min-scale", "0"))
        high = int(annotations.get(AUTOSCALING + "max-scale", "0"))
    except ValueError:
        problems.append(f"{where}: scale annotations must be integers")
        return
    if high != 0 and low > high:
        problems.append(f"{where}: min-scale {low} > max-scale {high}")
    spec = obj["spec"]["template"]["spec"]
    for field in ("timeoutSeconds", "responseStartTimeoutSeconds", "idleTimeoutSeconds"):
        if field in spec and spec[field] > max_timeout:
            problems.append(f"{where}: {field} {spec[field]} > max-revision-timeout-seconds {max_timeout}")
    if spec.get("responseStartTimeoutSeconds", 0) > spec.get("timeoutSeconds", max_timeout):
        problems.append(f"{where}: responseStartTimeoutSeconds exceeds timeoutSeconds")
    if obj["metadata"].get("labels", {}).get("kfn.dev/trigger") == "sse":
        if low < 1:
            problems.append(f"{where}: the SSE edge needs min-scale >= 1 (streams die with scale to zero)")
        if spec.get("idleTimeoutSeconds", 0) <= SSE_HEARTBEAT_SECONDS:
            problems.append(f"{where}: idleTimeoutSeconds must exceed the {SSE_HEARTBEAT_SECONDS} s heartbeat")
    for container in spec.get("containers", []):
        for probe in ("readinessProbe", "livenessProbe"):
            if probe not in container:
                problems.append(f"{where}: container {container.get('name')} has no {probe}")
        if not container.get("resources", {}).get("requests"):
            problems.append(f"{where}: container {container.get('name')} has no resource requests")
        for env in container.get("env", []):
            if env["name"] in SECRET_ENV and "value" in env:
                problems.append(f"{where}: {env['name']} must come from a secretKeyRef, not a value")


def check_kafka_source(where, obj, services, sinks, topics, problems):
    spec = obj["spec"]
    if spec.get("ordering") != "ordered":
        problems.append(f"{where}: ordering must be ordered (kfn keeps per-key order)")
    for topic in spec.get("topics", []):
        if topic not in topics:
            problems.append(f"{where}: topic {topic} is not in topics.yaml")
    ref = spec.get("sink", {}).get("ref", {})
    if ref.get("kind") != "Service" or ref.get("name") not in services:
        problems.append(f"{where}: sink {ref.get('kind')}/{ref.get('name')} is no generated Service")
    delivery = spec.get("delivery", {})
    if not ISO_DURATION.match(delivery.get("backoffDelay", "")):
        problems.append(f"{where}: backoffDelay {delivery.get('backoffDelay')!r} is no ISO-8601 duration")
    dead = delivery.get("deadLetterSink", {}).get("ref", {})
    if dead.get("kind") != "KafkaSink" or dead.get("name") not in sinks:
        problems.append(f"{where}: deadLetterSink {dead.get('kind')}/{dead.get('name')} is no generated KafkaSink")


def validate(out_dir, topics_yaml, schema_dir, max_timeout=600, objects=None):
    schemas = load_crd_schemas(schema_dir)
    objects = load_objects(out_dir) if objects is None else objects
    catalogue = {t["name"] for t in yaml.safe_load(pathlib.Path(topics_yaml).read_text())["topics"]}
    problems = []
    by_kind = {}
    for _, obj in objects:
        by_kind.setdefault(obj.get("kind"), {})[obj.get("metadata", {}).get("name")] = obj
    topic_objects = {o["spec"]["topicName"] for o in by_kind.get("KafkaTopic", {}).values()}
    for file_name, obj in objects:
        kind, name = obj.get("kind"), obj.get("metadata", {}).get("name", "?")
        where = f"{file_name}: {kind}/{name}"
        if not obj.get("metadata", {}).get("namespace"):
            problems.append(f"{where}: no namespace")
        pattern = DNS_LABEL if kind == "Service" else DNS_SUBDOMAIN
        if not pattern.match(name):
            problems.append(f"{where}: invalid object name")
        schema = schemas.get((obj.get("apiVersion"), kind))
        if schema is not None:
            for error in jsonschema.Draft7Validator(schema).iter_errors(obj):
                path = ".".join(str(p) for p in error.absolute_path)
                problems.append(f"{where}: schema: {path}: {error.message}")
        if kind == "Service":
            check_service(where, obj, max_timeout, problems)
        elif kind == "KafkaSource":
            check_kafka_source(where, obj, by_kind.get("Service", {}), by_kind.get("KafkaSink", {}), catalogue, problems)
        elif kind == "KafkaSink":
            spec = obj.get("spec", {})
            if not spec.get("bootstrapServers") or not spec.get("topic"):
                problems.append(f"{where}: needs topic and bootstrapServers")
            elif spec["topic"] not in topic_objects:
                problems.append(f"{where}: dead-letter topic {spec['topic']} has no KafkaTopic")
        elif kind == "KafkaTopic":
            if obj["spec"].get("partitions", 0) < 1 or "strimzi.io/cluster" not in obj["metadata"].get("labels", {}):
                problems.append(f"{where}: needs partitions >= 1 and the strimzi.io/cluster label")
        elif kind == "Secret":
            problems.append(f"{where}: Secrets are created by the platform team, never applied from here")
        elif kind != "ConfigMap":
            problems.append(f"{where}: unexpected kind {kind}")
    for topic in catalogue - topic_objects:
        problems.append(f"topics.yaml: no KafkaTopic for {topic}")
    return problems


def self_test(out_dir, topics_yaml, schema_dir):
    """Each rule must fire on an output broken in just that way (else the check proves nothing)."""
    base = load_objects(out_dir)
    assert not validate(out_dir, topics_yaml, schema_dir, objects=base), "the generated output must be valid"

    def find(kind, label=None):
        for i, (_, obj) in enumerate(base):
            if obj["kind"] == kind and (label is None or obj["metadata"].get("labels", {}).get("kfn.dev/trigger") == label):
                return i
        raise AssertionError(f"no {kind}")

    def broken(index, change):
        objects = copy.deepcopy(base)
        change(objects[index][1])
        return validate(out_dir, topics_yaml, schema_dir, objects=objects)

    http, source = find("Service", "http"), find("KafkaSource")
    template = lambda o: o["spec"]["template"]
    cases = {
        "annotation placement": (http, lambda o: o["metadata"].setdefault("annotations", {}).update(
            {AUTOSCALING + "min-scale": "0"})),
        "min above max": (http, lambda o: template(o)["metadata"]["annotations"].update(
            {AUTOSCALING + "min-scale": "5", AUTOSCALING + "max-scale": "2"})),
        "timeout above platform max": (http, lambda o: template(o)["spec"].update({"timeoutSeconds": 3600})),
        "schema: wrong type": (http, lambda o: template(o)["spec"].update({"containerConcurrency": "ten"})),
        "schema: unknown field": (source, lambda o: o["spec"].update({"orderring": "ordered"})),
        "sink names no Service": (source, lambda o: o["spec"]["sink"]["ref"].update({"name": "nope"})),
        "unknown topic": (source, lambda o: o["spec"]["topics"].append("no.such.topic")),
        "secret as a value": (http, lambda o: template(o)["spec"]["containers"][0]["env"].append(
            {"name": "REDIS_URL", "value": "redis://x"})),
        "unordered": (source, lambda o: o["spec"].update({"ordering": "unordered"})),
    }
    failures = [name for name, (index, change) in cases.items() if not broken(index, change)]
    # The SSE rule, on a Service turned into an SSE edge that scales to zero.
    sse = broken(http, lambda o: (o["metadata"]["labels"].update({"kfn.dev/trigger": "sse"}),
                                  template(o)["metadata"]["annotations"].update({AUTOSCALING + "min-scale": "0"})))
    if not any("SSE" in p for p in sse):
        failures.append("sse min-scale")
    for name in failures:
        print(f"self-test: the validator missed: {name}")
    return not failures


def main(argv):
    if argv[1:2] == ["--self-test"]:
        return 0 if self_test(*argv[2:5]) else 1
    max_timeout = int(argv[argv.index("--max-timeout") + 1]) if "--max-timeout" in argv else 600
    problems = validate(argv[1], argv[2], argv[3], max_timeout)
    for problem in problems:
        print(problem)
    if not problems:
        print(f"{len(load_objects(argv[1]))} objects valid")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
