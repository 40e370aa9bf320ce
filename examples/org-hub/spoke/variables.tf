variable "hub_account_id" {
  description = "The hub account (the hub's registry_account_id output)."
  type        = string
}

variable "hub_region" {
  description = "The hub's region (the hub's registry_region output)."
  type        = string
  default     = "us-east-1"
}

variable "ecr_pull_through_cache_rules" {
  description = "The hub's rules (its ecr_pull_through_cache_rules output, e.g. read with terraform_remote_state)."
  type        = any
  default = {
    docker_hub = { ecr_repository_prefix = "docker-hub", upstream_registry_url = "registry-1.docker.io" }
    ecr_public = { ecr_repository_prefix = "ecr-public", upstream_registry_url = "public.ecr.aws" }
    quay       = { ecr_repository_prefix = "quay", upstream_registry_url = "quay.io" }
  }
}

variable "partition" {
  description = "AWS partition (the hub's, as IAM does not cross partitions); null looks it up from the provider."
  type        = string
  default     = null
}

variable "runner_role_name" {
  description = "Name of the runners' IAM role in this account."
  type        = string
  default     = "ci-runner"
}
