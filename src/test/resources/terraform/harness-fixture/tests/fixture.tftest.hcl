# Runs offline: the AWS provider is mocked, and the policy document gets a realistic value.
mock_provider "aws" {
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
}

variables {
  prefixes = { hub = "docker-hub", quay = "quay" }
}

run "plans_one_document_per_prefix" {
  command = plan

  assert {
    condition     = length(output.policies) == 2
    error_message = "Expected one policy document per prefix."
  }
}

run "applies_with_the_aws_policy_mocked" {
  variables {
    with_aws_resource = true
  }

  assert {
    condition     = output.policy_arn != null
    error_message = "The mocked policy should have an ARN after apply."
  }
}
