# Child module for the harness fixture: a policy document (computed locally by the AWS provider, no API call).
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

variable "prefix" {
  description = "Repository prefix."
  type        = string
}

data "aws_iam_policy_document" "this" {
  statement {
    sid       = "Pull"
    actions   = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    resources = ["arn:aws:ecr:us-east-1:123456789012:repository/${var.prefix}/*"]
  }
}

output "json" {
  description = "The policy document."
  value       = data.aws_iam_policy_document.this.json
}
