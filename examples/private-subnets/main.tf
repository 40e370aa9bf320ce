# Runners in private subnets without a NAT: the VPC, its private subnets and route table, the ECR endpoints
# (ecr.api, ecr.dkr interface endpoints and the S3 gateway endpoint, since layers are served from S3), and the
# pull-through cache with the runner environment, so that jobs in those subnets pull cached images privately.

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

locals {
  # Two availability zones by letter, so the plan needs no aws_availability_zones lookup.
  subnets = { for i, letter in ["a", "b"] : "${var.region}${letter}" => cidrsubnet(var.vpc_cidr, 4, i) }
}

resource "aws_vpc" "runners" {
  cidr_block = var.vpc_cidr
  # Private DNS for the interface endpoints needs both.
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = { Name = "runners" }
}

resource "aws_subnet" "private" {
  for_each = local.subnets

  vpc_id            = aws_vpc.runners.id
  availability_zone = each.key
  cidr_block        = each.value

  tags = { Name = "runners-private-${each.key}" }
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.runners.id

  tags = { Name = "runners-private" }
}

resource "aws_route_table_association" "private" {
  for_each = aws_subnet.private

  subnet_id      = each.value.id
  route_table_id = aws_route_table.private.id
}

module "endpoints" {
  source = "../../modules-out/hcl/ecr-private-endpoints"

  vpc_id              = aws_vpc.runners.id
  subnet_ids          = [for s in aws_subnet.private : s.id]
  route_table_ids     = [aws_route_table.private.id]
  ingress_cidr_blocks = [var.vpc_cidr]
  region              = var.region
  partition           = var.partition
}

module "cache" {
  source = "../../modules-out/hcl/ecr-pull-through-cache"

  rules = {
    ecr_public = {
      ecr_repository_prefix = "ecr-public"
      upstream_registry_url = "public.ecr.aws"
    }
    k8s = {
      ecr_repository_prefix = "k8s"
      upstream_registry_url = "registry.k8s.io"
    }
  }

  account_id = var.account_id
  region     = var.region
  partition  = var.partition
}

module "runner" {
  source = "../../modules-out/hcl/runner-ecr-pull-through"

  ecr_pull_through_cache_rules = module.cache.ecr_pull_through_cache_rules

  account_id = var.account_id
  region     = var.region
  partition  = var.partition
}
