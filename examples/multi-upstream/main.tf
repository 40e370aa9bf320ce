# One registry caching six upstreams - Docker Hub, ECR Public, GitHub Container Registry, Quay, registry.k8s.io and
# another account's private ECR - with repository creation templates that expire cached images, the pull policy
# attached to existing runner roles, and the runner environment.

terraform {
  required_version = ">= 1.9"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.93"
    }
  }
}

provider "aws" {
  region = var.region
}

# Upstreams that require a login read it from Secrets Manager (name prefix ecr-pullthroughcache/). Terraform creates
# the secrets only; put {"username": "...", "accessToken": "..."} in each yourself (README.md).
resource "aws_secretsmanager_secret" "upstream" {
  for_each = toset(["docker-hub", "ghcr"])

  name        = "ecr-pullthroughcache/${each.key}"
  description = "Credentials of the ${each.key} upstream for the ECR pull-through cache"
}

# ECR-to-ECR across accounts: ECR assumes this role (in this, the downstream account) to pull from the upstream
# registry. The upstream account must also allow this account in its registry policy (README.md).
data "aws_iam_policy_document" "ecr_upstream_trust" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["pullthroughcache.ecr.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "ecr_upstream" {
  # The actions AWS documents for the ECR-to-ECR pull-through role.
  statement {
    actions = [
      "ecr:GetAuthorizationToken",
      "ecr:BatchGetImage",
      "ecr:GetDownloadUrlForLayer",
      "ecr:BatchImportUpstreamImage",
      "ecr:GetImageCopyStatus",
      "ecr:InitiateLayerUpload",
      "ecr:UploadLayerPart",
      "ecr:CompleteLayerUpload",
      "ecr:PutImage",
    ]
    resources = ["*"]
  }
}

resource "aws_iam_role" "ecr_upstream" {
  name               = "ecr-pull-through-upstream"
  assume_role_policy = data.aws_iam_policy_document.ecr_upstream_trust.json
}

resource "aws_iam_role_policy" "ecr_upstream" {
  name   = "pull-from-upstream-registry"
  role   = aws_iam_role.ecr_upstream.id
  policy = data.aws_iam_policy_document.ecr_upstream.json
}

module "cache" {
  source = "../../modules-out/hcl/ecr-pull-through-cache"

  rules = {
    docker_hub = {
      ecr_repository_prefix = "docker-hub"
      upstream_registry_url = "registry-1.docker.io"
      credential_arn        = aws_secretsmanager_secret.upstream["docker-hub"].arn
    }
    ecr_public = {
      ecr_repository_prefix = "ecr-public"
      upstream_registry_url = "public.ecr.aws"
    }
    ghcr = {
      ecr_repository_prefix = "ghcr"
      upstream_registry_url = "ghcr.io"
      credential_arn        = aws_secretsmanager_secret.upstream["ghcr"].arn
    }
    quay = {
      ecr_repository_prefix = "quay"
      upstream_registry_url = "quay.io"
    }
    k8s = {
      ecr_repository_prefix = "k8s"
      upstream_registry_url = "registry.k8s.io"
    }
    platform = {
      ecr_repository_prefix      = "platform"
      upstream_registry_url      = var.upstream_ecr_registry
      upstream_repository_prefix = var.upstream_repository_prefix
      custom_role_arn            = aws_iam_role.ecr_upstream.arn
    }
  }

  # Cached images expire two weeks after they were cached (untagged ones after a day); the next pull fetches them again.
  expire_after_days          = 14
  untagged_expire_after_days = 1

  account_id = var.account_id
  region     = var.region
  partition  = var.partition
}

# The least-privilege pull policy, attached to the runner roles.
module "access" {
  source = "../../modules-out/hcl/ecr-pull-through-access"

  ecr_pull_through_cache_rules = module.cache.ecr_pull_through_cache_rules
  role_names                   = var.runner_role_names

  account_id = var.account_id
  region     = var.region
  partition  = var.partition
}

# The runner environment (the policy comes from module.access, so none here).
module "runner" {
  source = "../../modules-out/hcl/runner-ecr-pull-through"

  ecr_pull_through_cache_rules = module.cache.ecr_pull_through_cache_rules

  account_id = var.account_id
  region     = var.region
  partition  = var.partition
}
