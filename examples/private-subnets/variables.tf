variable "region" {
  description = "AWS region of the VPC and the registry."
  type        = string
  default     = "us-east-1"
}

variable "account_id" {
  description = "Account of the cache; null looks it up (sts:GetCallerIdentity)."
  type        = string
  default     = null
}

variable "partition" {
  description = "AWS partition; null looks it up from the provider (no API call)."
  type        = string
  default     = null
}

variable "vpc_cidr" {
  description = "CIDR block of the runners' VPC."
  type        = string
  default     = "10.20.0.0/16"
}
