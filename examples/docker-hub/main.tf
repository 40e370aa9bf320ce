# Docker Hub through an ECR pull-through cache: the credential secret, the rule (with a repository creation
# template so cached images expire), a runner role with the least-privilege pull policy, and the runner environment.

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
# Terraform creates the secret only: put the value ({"username": "...", "accessToken": "..."}) in it yourself
# (README.md), so the token never lands in Terraform state.
resource "aws_secretsmanager_secret" "docker_hub" {
  name        = "ecr-pullthroughcache/docker-hub"
  description = "Docker Hub user name and access token for the ECR pull-through cache"
}

module "cache" {
  source = "../../modules-out/hcl/ecr-pull-through-cache"

  rules = {
    docker_hub = {
      ecr_repository_prefix = "docker-hub"
      upstream_registry_url = "registry-1.docker.io"
      credential_arn        = aws_secretsmanager_secret.docker_hub.arn
    }
  }

  account_id = var.account_id
  region     = var.region
  partition  = var.partition
}

# The CI runners' instance role.
data "aws_iam_policy_document" "runner_trust" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "runner" {
  name               = var.runner_role_name
  assume_role_policy = data.aws_iam_policy_document.runner_trust.json
}

# The runner side: the environment the runner hook reads, and the least-privilege pull policy attached to the role.
module "runner" {
  source = "../../modules-out/hcl/runner-ecr-pull-through"

  ecr_pull_through_cache_rules = module.cache.ecr_pull_through_cache_rules
  create_policy                = true
  role_names                   = [aws_iam_role.runner.name]
  policy_name                  = "${var.runner_role_name}-ecr-pull-through"

  account_id = var.account_id
  region     = var.region
  partition  = var.partition
}
