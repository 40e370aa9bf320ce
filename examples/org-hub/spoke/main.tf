# A spoke of an organization-wide cache: a runner account that pulls through the hub's cache (../hub) and has no
# cache, rule or upstream credential of its own. Its runners get the pull policy on the hub's repositories and the
# hub's registry host; the hub's registry and repository policies allow this account's side.

terraform {
  required_version = ">= 1.9"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.93"
    }
  }
}

# The hub's region: the runners ask GetAuthorizationToken there, with this account's own credentials, and the token
# they get authenticates them to the hub's registry (docs/USING-MODULES.md, "Sharing one cache across accounts").
provider "aws" {
  region = var.hub_region
}

# The CI runners' instance role, in this account.
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

module "runner" {
  source = "../../../modules-out/hcl/runner-ecr-pull-through"

  ecr_pull_through_cache_rules = var.ecr_pull_through_cache_rules
  create_policy                = true
  role_names                   = [aws_iam_role.runner.name]
  policy_name                  = "${var.runner_role_name}-ecr-pull-through"

  # The hub's registry: the policy names its repositories, the runner environment its host.
  registry_account_id = var.hub_account_id
  registry_region     = var.hub_region
  partition           = var.partition
}
