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

variable "runner_role_name" {
  description = "Name of the runners' IAM role."
  type        = string
  default     = "ci-runner"
}
