"""The core of ITA Toolkit: errors, Thai text and numbers, the yearly frameworks and the scoring.

Nothing here reads a workbook or writes a report: workbook/, converters/, actions/, cli/ and xladdin/
build on it (see docs/architecture.md).
"""

__version__ = "0.1.0"
DIST_NAME = "thai-ita-toolkit"      # the distribution (wheel) name; the command stays `ita`
PRODUCT = "ITA Toolkit"
# how an officer repairs a broken installation (the offline Windows bundle's installer, docs/addin-install.md)
REPAIR_TH = "ดับเบิลคลิก INSTALL.cmd ในชุดติดตั้ง ITA Toolkit อีกครั้ง (ตัวติดตั้งจะซ่อมการติดตั้งเดิม)"
