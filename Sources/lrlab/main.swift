print("lrlab")
