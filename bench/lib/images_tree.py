"""Writes a deterministic tree of N files for bench/images.sh: workflows, Dockerfiles, compose files, GitLab CI,
Kubernetes manifests, other YAML and other files, in directories of 50. Standard library only.

  images_tree.py DIR N
"""
import os
import random
import sys

IMAGES = ["node:22", "python:3.12-slim", "postgres:16", "redis:7-alpine", "ghcr.io/acme/app:1.2.3",
          "quay.io/prometheus/prometheus:v2.54.0", "registry.k8s.io/pause:3.9", "nginx:1.27@sha256:" + "ab" * 32,
          "gcr.io/distroless/static:nonroot", "localhost:5000/team/tool:dev", "bitnami/kafka:3.7"]


def workflow(r):
    return ("name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    container: %s\n"
            "    services:\n      db:\n        image: %s\n    steps:\n      - uses: actions/checkout@v4\n"
            "      - uses: docker://%s\n      - run: make test\n  matrix:\n    runs-on: ubuntu-latest\n"
            "    container: ${{ matrix.image }}\n    steps:\n      - run: true\n") % (r.choice(IMAGES), r.choice(IMAGES), r.choice(IMAGES))


def dockerfile(r):
    return ("# syntax=docker/dockerfile:1\nARG BASE=%s\nFROM --platform=$BUILDPLATFORM ${BASE} AS build\n"
            "WORKDIR /src\nCOPY . .\nRUN --mount=type=cache,target=/root/.cache \\\n    make build\n"
            "FROM %s\nCOPY --from=build /src/out /app\nCOPY --from=%s /bin/tool /bin/tool\nCMD [\"/app\"]\n") % (
        r.choice(IMAGES), r.choice(IMAGES), r.choice(IMAGES))


def compose(r):
    return "services:\n" + "".join("  s%d:\n    image: %s\n    restart: always\n" % (i, r.choice(IMAGES)) for i in range(4))


def gitlab(r):
    return ("image: %s\nservices:\n  - %s\nvariables:\n  TAG: \"1\"\nbuild:\n  image: docker:${TAG}\n"
            "  script: [make]\n") % (r.choice(IMAGES), r.choice(IMAGES))


def manifest(r):
    docs = []
    for i in range(3):
        docs.append(("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app%d\nspec:\n  template:\n    spec:\n"
                     "      initContainers:\n        - name: init\n          image: %s\n      containers:\n"
                     "        - name: app\n          image: %s\n          ports:\n            - containerPort: 80\n")
                    % (i, r.choice(IMAGES), r.choice(IMAGES)))
    docs.append("apiVersion: v1\nkind: Service\nmetadata:\n  name: svc\nspec:\n  ports:\n    - port: 80\n")
    return "---\n".join(docs)


def other_yaml(r):
    return "".join("key%d:\n  nested: value %d\n  list: [a, b, c]\n" % (i, r.randint(0, 999)) for i in range(20))


def other(r):
    return "".join("line %d of an ordinary source file %d\n" % (i, r.randint(0, 99999)) for i in range(60))


def main():
    root, n = sys.argv[1], int(sys.argv[2])
    r = random.Random(12)
    scale = n / 10000.0
    plan = [("workflow", 200), ("dockerfile", 600), ("compose", 300), ("gitlab", 50), ("manifest", 2000),
            ("yaml", 1000)]
    plan = [(k, int(c * scale)) for k, c in plan]
    plan.append(("other", n - sum(c for _, c in plan)))
    i = 0
    for kind, count in plan:
        for _ in range(count):
            d = os.path.join(root, "svc%03d" % (i // 50))
            if kind == "workflow":
                path = os.path.join(d, ".github", "workflows", "ci%d.yml" % i)
                text = workflow(r)
            elif kind == "dockerfile":
                path = os.path.join(d, "Dockerfile" if i % 2 else "app%d.Dockerfile" % i)
                if os.path.exists(path):
                    path = os.path.join(d, "Dockerfile.%d" % i)
                text = dockerfile(r)
            elif kind == "compose":
                path = os.path.join(d, "docker-compose.%d.yml" % i)
                text = compose(r)
            elif kind == "gitlab":
                path = os.path.join(d, "ci%d.gitlab-ci.yml" % i)
                text = gitlab(r)
            elif kind == "manifest":
                path = os.path.join(d, "k8s", "deploy%d.yaml" % i)
                text = manifest(r)
            elif kind == "yaml":
                path = os.path.join(d, "config%d.yaml" % i)
                text = other_yaml(r)
            else:
                path = os.path.join(d, "src", "File%d.java" % i)
                text = other(r)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as f:
                f.write(text)
            i += 1


if __name__ == "__main__":
    main()
