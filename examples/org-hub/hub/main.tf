# The hub of an organization-wide cache: one account holds the pull-through cache rules (and the one Docker Hub
# credential) and shares the cache with the organization's runner accounts. Each spoke account then pulls through
# the hub (../spoke) instead of running a cache of its own.

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

# ECR reads Docker Hub credentials from this secret; its name must start with ecr-pullthroughcache/.
# Terraform creates the secret only: put {"username": "...", "accessToken": "..."} in it yourself (../README.md).
resource "aws_secretsmanager_secret" "docker_hub" {
  name        = "ecr-pullthroughcache/docker-hub"
  description = "Docker Hub user name and access token for the organization's ECR pull-through cache"
}

module "cache" {
  source = "../../../modules-out/hcl/ecr-pull-through-cache"

  rules = {
    docker_hub = {
      ecr_repository_prefix = "docker-hub"
      upstream_registry_url = "registry-1.docker.io"
      credential_arn        = aws_secretsmanager_secret.docker_hub.arn
    }
    ecr_public = {
      ecr_repository_prefix = "ecr-public"
      upstream_registry_url = "public.ecr.aws"
    }
    quay = {
      ecr_repository_prefix = "quay"
      upstream_registry_url = "quay.io"
    }
  }

  # Who may pull through this cache besides this account: the registry policy lets them make the first pull of an
  # image (which creates its cache repository), and the creation templates give every cache repository a policy
  # that lets them pull it later. The module owns this registry's registry policy: manage no other one here.
  share_with = {
    organization_ids          = [var.organization_id]
    organizational_unit_paths = var.organizational_unit_paths
    account_ids               = var.spoke_account_ids
  }

  account_id = var.account_id
  region     = var.region
  partition  = var.partition
}
