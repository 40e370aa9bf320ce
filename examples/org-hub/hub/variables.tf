variable "organization_id" {
  description = "The AWS Organizations id whose accounts may pull through the cache (aws organizations describe-organization)."
  type        = string
}

variable "organizational_unit_paths" {
  description = "Organizational units to share with as well, as aws:PrincipalOrgPaths takes them (o-.../r-.../ou-.../*)."
  type        = list(string)
  default     = []
}

variable "spoke_account_ids" {
  description = "Single accounts to share with as well, e.g. accounts outside the organization."
  type        = list(string)
  default     = []
}

variable "region" {
  description = "AWS region of the hub's cache; the spokes' runners pull from this region."
  type        = string
  default     = "us-east-1"
}

variable "account_id" {
  description = "The hub account; null looks it up (sts:GetCallerIdentity)."
  type        = string
  default     = null
}

variable "partition" {
  description = "AWS partition; null looks it up from the provider."
  type        = string
  default     = null
}
