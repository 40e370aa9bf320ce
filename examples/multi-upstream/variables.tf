variable "region" {
  description = "AWS region of the cache."
  type        = string
  default     = "us-east-1"
}

variable "account_id" {
  description = "Account of the cache; null looks it up (sts:GetCallerIdentity)."
  type        = string
  default     = null
}

variable "partition" {
  description = "AWS partition; null looks it up from the provider."
  type        = string
  default     = null
}

variable "upstream_ecr_registry" {
  description = "The other account's registry host to cache, <account>.dkr.ecr.<region>.amazonaws.com."
  type        = string
}

variable "upstream_repository_prefix" {
  description = "Only repositories under this prefix in the upstream registry are cached (platform/<image> pulls <prefix>/<image>)."
  type        = string
  default     = "base-images"
}

variable "runner_role_names" {
  description = "Existing runner roles (names, not ARNs) to attach the pull policy to."
  type        = list(string)
  default     = []
}
